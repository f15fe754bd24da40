import { createEffect, createRoot } from 'solid-js';
import { render } from 'solid-js/web';
import { App } from './App';
import { locale } from './i18n/locale';
import './styles.css';

// Screen readers and fonts follow the page's language.
createRoot(() => createEffect(() => document.documentElement.setAttribute('lang', locale())));

const root = document.getElementById('app');
if (root) render(() => <App />, root);
