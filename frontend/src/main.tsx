import { createRoot } from 'react-dom/client';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element');
const root = createRoot(container);

// The public rating page (/rate/<token>) is opened on phones from a QR code: it loads only its
// own small chunk, never the app shell with Ant Design and ECharts (src/app/firstLoad.test.ts checks its size).
if (window.location.pathname.startsWith('/rate/')) {
  void import('./features/evaluations/RatingApp').then(({ ratingToken, renderRating }) => {
    renderRating(root, ratingToken(window.location.pathname) ?? '');
  });
} else {
  void import('./app/AppRoot').then(({ renderApp }) => renderApp(root));
}
