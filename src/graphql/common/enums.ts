// The domain enums, registered once with the schema under the names clients use.
import { registerEnumType } from 'type-graphql';
import { FeedbackKind, InteractionKind, LiquidityNeed, ProductCategory } from '../../store/generated/sqlite/enums';

registerEnumType(ProductCategory, { name: 'ProductCategory', description: 'Product family of the catalog' });
registerEnumType(InteractionKind, {
  name: 'InteractionKind',
  description: 'Kind of behavioural event; HOLD is a monthly holding snapshot (imported, not recordable through the API)',
});
registerEnumType(FeedbackKind, { name: 'FeedbackKind', description: 'Explicit feedback on a product' });
registerEnumType(LiquidityNeed, { name: 'LiquidityNeed', description: 'How soon the customer may need their money' });

export { FeedbackKind, InteractionKind, LiquidityNeed, ProductCategory };
