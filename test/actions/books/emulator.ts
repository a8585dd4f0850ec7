export { emulatorCredential, requestsTo, runExample, useEmulator, type Emulator, type ExampleJson, type LoggedRequest } from '../../harness/emulator';
