export class UnknownOfficeError extends Error {
  constructor(readonly officeId: string) {
    super(`unknown office "${officeId}"`);
    this.name = 'UnknownOfficeError';
  }
}
