/** What other features may use of products (the boundary test allows no deeper import). */
export { type Product, productsApi } from './api';
