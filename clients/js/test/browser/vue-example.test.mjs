// examples/vue in Chromium: see example-scenarios.mjs for what is asserted.
import { exampleScenarios } from './example-scenarios.mjs';

exampleScenarios({ name: 'vue', strictMode: false });
