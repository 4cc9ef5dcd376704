import 'highlight.js/styles/github.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { adoptUrlToken } from './api/token.js';
import { App } from './app.js';

adoptUrlToken();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
