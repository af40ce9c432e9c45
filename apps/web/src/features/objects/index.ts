/** The custom-modules feature's public face for the layout: the modules the user may read and their names. */
export { objectsApi, type CustomModule } from './api';
export { moduleName } from './label';
