// During development every request goes to the network (nothing is cached); the published app uses
// service-worker.published.js, which caches the app for offline use.
self.addEventListener('fetch', () => { });
