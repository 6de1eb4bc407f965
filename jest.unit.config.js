// Every project's unit tests (`*.spec.ts` beside the code) in one Jest run.
module.exports = { projects: ['<rootDir>/libs/**/jest.config.js'] };
