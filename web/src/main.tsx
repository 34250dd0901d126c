import { render } from 'preact';

render(<p>Safeguarding returns portal</p>, document.getElementById('app') as HTMLElement);
