import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { installConsoleApi } from './state/console-api';
import { App } from './ui/App';
import './ui/styles.css';

installConsoleApi();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
