// The engine the service and API tests fit: the real recommendation pipeline with default settings.
import { loadConfig } from '../../src/config';
import { fitEngine } from '../../src/recommend/pipeline';
import type { FitEngine } from '../../src/recommend/service';

const settings = loadConfig({ NODE_ENV: 'test' });

export const fitForTests: FitEngine = (data, pretrained) => fitEngine(data, settings, pretrained);
