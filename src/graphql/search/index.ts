export { ProductMatchResolver, SearchResolver } from './search.resolver';
export { ProductMatch } from './search.type';
