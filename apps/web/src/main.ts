import { createApp } from 'vue';
import App from './App.vue';
import { installApp } from './app/install';
import { i18n, loadLocale } from './app/i18n';
import type { AppLocale } from './app/locales';
import './styles/global.css';

const app = createApp(App);
installApp(app); // the router starts the first navigation (its page's code and data) meanwhile
void loadLocale(i18n.global.locale.value as AppLocale).finally(() => app.mount('#app'));
