import { createApp } from 'vue';
import App from './App.vue';
import { installApp } from './app/install';
import { i18n, loadLocale } from './app/i18n';
import type { AppLocale } from './app/locales';
import './styles/global.css';

const app = createApp(App);
installApp(app); // the router starts the first navigation (its page's code and data) meanwhile
// a language chunk that fails to load (an old page after a deploy) falls back to English rather than showing keys
void loadLocale(i18n.global.locale.value as AppLocale)
  .catch(() => loadLocale('en-US').then(() => void (i18n.global.locale.value = 'en-US')))
  .catch(() => undefined)
  .finally(() => app.mount('#app'));
