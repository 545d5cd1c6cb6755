// Entry of the respondent page (/s/:slug). Fonts are bundled (Noto Sans, Latin + Vietnamese subsets):
// nothing is fetched from another origin, so the page works under `default-src 'self'` and leaks no visit.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-600.css';
import '@fontsource/noto-sans/vietnamese-400.css';
import '@fontsource/noto-sans/vietnamese-600.css';
import './respondent.css';
import { App } from './App';
import { registerServiceWorker } from './pwa';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

registerServiceWorker();
