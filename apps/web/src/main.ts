import { createApp } from 'vue';
import App from './App.vue';
import { installApp } from './app/install';
import './styles/global.css';

const app = createApp(App);
installApp(app);
app.mount('#app');
