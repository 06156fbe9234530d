/* Invented people and places for the demo practice; any likeness to real persons is accidental. */

export const FEMALE_GIVEN_NAMES = ['Amelia', 'Grace', 'Maria', 'Hannah', 'Sofia', 'Evelyn', 'Nora', 'Priya', 'Lucia'];
export const MALE_GIVEN_NAMES = ['James', 'Daniel', 'Samuel', 'Mateo', 'Oliver', 'Henry', 'Arjun', 'Elijah', 'Lucas'];
export const FAMILY_NAMES = [
  'Whitfield',
  'Okafor',
  'Lindqvist',
  'Moreno',
  'Castellano',
  'Brennan',
  'Nakamura',
  'Haddad',
  'Kowalski',
  'Delacroix',
  'Ferreira',
  'Osei',
];

export const PRACTITIONER_NAMES: readonly { given: string; family: string; gender: 'female' | 'male' }[] = [
  { given: 'Helen', family: 'Marsh', gender: 'female' },
  { given: 'Robert', family: 'Ainsley', gender: 'male' },
  { given: 'Naomi', family: 'Tran', gender: 'female' },
  { given: 'Victor', family: 'Almeida', gender: 'male' },
];

export const STREETS = ['Maple Street', 'Orchard Lane', 'Riverside Drive', 'Chestnut Avenue', 'Mill Road', 'Elm Court'];

export const CITY = { city: 'Springfield', state: 'MA', postalCodes: ['01103', '01105', '01108', '01109'] };

export const INSURANCE_PLANS = ['Bluewater Health PPO', 'Pioneer Valley HMO', 'Commonwealth Care Plus'];
