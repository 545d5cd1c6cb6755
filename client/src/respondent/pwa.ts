// Registers the service worker that vite-plugin-pwa (Workbox) builds: it keeps this page and its code on
// the phone, so a survey opened once opens again without a connection (see client/vite.config.ts).
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {
      // No service worker (old browser, storage refused): the page still works online, drafts still persist.
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
