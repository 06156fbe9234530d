import type { Appointment, Coverage } from 'fhir/r4';
import { SNOMED, concept } from './demo-codes.constants';
import { demoDate, demoInstant } from './demo-dates.util';
import { INSURANCE_PLANS } from './demo-people.constants';
import { demoMeta, localReference } from './demo-reference.util';
import { encounterStart, firstAndLastEncounter, type PatientContext } from './patient-context';

/** The patient's active health insurance; the payer is named only (the demo has no payer Organization). */
export function demoCoverage(context: PatientContext): Coverage {
  const { random } = context;
  const [first] = firstAndLastEncounter(context);
  return {
    resourceType: 'Coverage',
    id: context.idFor('coverage/0'),
    meta: demoMeta(),
    status: 'active',
    type: concept('http://terminology.hl7.org/CodeSystem/v3-ActCode', 'HIP', 'health insurance plan policy'),
    subscriberId: `SUB${random.int(10000000, 99999999)}`,
    beneficiary: localReference(context.patient),
    relationship: concept('http://terminology.hl7.org/CodeSystem/subscriber-relationship', 'self', 'Self'),
    period: { start: encounterStart(first).slice(0, 10) },
    payor: [{ display: random.pick(INSURANCE_PLANS) }],
  };
}

/** A booked routine follow-up within the next eight weeks (of the demo's fixed "today"). */
export function demoAppointment(context: PatientContext): Appointment {
  const { random } = context;
  const day = random.int(3, 56);
  const startMinutes = 13 * 60 + 20 * random.int(0, 23);
  return {
    resourceType: 'Appointment',
    id: context.idFor('appointment/0'),
    meta: demoMeta(),
    status: 'booked',
    serviceType: [concept(SNOMED, '394814009', 'General practice (specialty) (qualifier value)')],
    appointmentType: concept('http://terminology.hl7.org/CodeSystem/v2-0276', 'ROUTINE', 'Routine appointment'),
    description: 'Follow-up visit',
    start: demoInstant(day, startMinutes),
    end: demoInstant(day, startMinutes + 20),
    minutesDuration: 20,
    created: demoDate(-random.int(1, 30)),
    participant: [
      { actor: localReference(context.patient), required: 'required', status: 'accepted' },
      { actor: localReference(context.practitioner), required: 'required', status: 'accepted' },
      { actor: localReference(context.practice.location), required: 'required', status: 'accepted' },
    ],
  };
}
