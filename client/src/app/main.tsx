// Entry of the staff pages (/app/*). A placeholder for now; it exists so staff code has its own bundle
// from the start and never lands in what respondents download.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/vietnamese-400.css';
import { st } from './i18n';

function StaffApp() {
  return (
    <main style={{ fontFamily: "'Noto Sans', system-ui, sans-serif", padding: '2rem 1rem', maxWidth: '40rem', margin: '0 auto' }}>
      <h1>{st('vi', 'placeholder')}</h1>
      <p lang="en">{st('en', 'placeholder')}</p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StaffApp />
  </StrictMode>,
);
