/** A patient search as every simulated PMS takes it; vendors only name the parameters. */
export interface PatientCriteria {
  readonly firstName?: string;
  readonly lastName?: string;
  /** YYYY-MM-DD */
  readonly dateOfBirth?: string;
  readonly phone?: string;
}

/** How a vendor spells each patient field, in its records and request bodies. */
export type PatientFieldNames<Patient> = Record<
  keyof PatientCriteria | 'email',
  keyof Patient & string
>;

/** The patients matching every criterion given: names without regard to case, phones by digits. */
export function searchPatients<Patient>(
  patients: Iterable<Patient>,
  criteria: PatientCriteria,
  names: PatientFieldNames<Patient>,
): Patient[] {
  return [...patients].filter((patient) => {
    const text = (field: keyof PatientCriteria) => patient[names[field]] as string | undefined;
    return (
      sameText(criteria.firstName, text('firstName')!) &&
      sameText(criteria.lastName, text('lastName')!) &&
      sameText(criteria.dateOfBirth, text('dateOfBirth')!) &&
      (criteria.phone === undefined || digits(criteria.phone) === digits(text('phone') ?? ''))
    );
  });
}

const sameText = (a: string | undefined, b: string) =>
  a === undefined || a.toLowerCase() === b.toLowerCase();
const digits = (phone: string) => phone.replace(/\D/g, '');
