/** Entry point of the browser UI: apply saved display preferences before the first paint, then render. */
import { render } from 'preact';
import { App } from './app.tsx';
import { applyElderMode, applyLang, loadElderMode, loadLang } from './preferences.ts';
import './styles.css';

applyLang(loadLang());
applyElderMode(loadElderMode());
render(<App />, document.getElementById('app') as HTMLElement);
