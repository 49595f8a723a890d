import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

const container = document.getElementById('root');
if (!container) throw new Error('renderer/index.html has no #root element.');

createRoot(container).render(
  <StrictMode>
    <main className="govuk-main-wrapper" id="main-content">
      <h1 className="govuk-heading-l">Records Access Broker</h1>
    </main>
  </StrictMode>,
);
