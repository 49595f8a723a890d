// First: the contract's schemas (the forms check with them) must be built with zod jitless, or zod probes eval under the CSP.
import '../../shared/contract/jitless-zod';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles/app.css';
import { QueryClientProvider } from '@tanstack/react-query';
import { App } from './app/App';
import { queryClient } from './broker/live-query';

const container = document.getElementById('root');
if (!container) throw new Error('renderer/index.html has no #root element.');

// GOV.UK Frontend styles some components differently once its JavaScript is known to be running.
document.body.classList.add('govuk-frontend-supported');

createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
