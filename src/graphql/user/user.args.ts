import { ArgsType } from 'type-graphql';
import { ConnectionArgs } from '../common/connection';

@ArgsType()
export class UsersArgs extends ConnectionArgs {}
