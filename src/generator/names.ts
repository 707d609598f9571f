/**
 * Name lists for the synthetic population (common names, combined at random: no real person's data),
 * and the ways agencies get names wrong: nicknames, spelling variants and typing slips.
 */
import type { Rng } from './random.ts';

export const femaleForenames = [
  'Olivia', 'Amelia', 'Isla', 'Ava', 'Emily', 'Sophie', 'Grace', 'Mia', 'Poppy', 'Ella', 'Lily', 'Evie', 'Jessica', 'Chloe', 'Ruby',
  'Katie', 'Rebecca', 'Samantha', 'Victoria', 'Elizabeth', 'Katherine', 'Jennifer', 'Stephanie', 'Kelly', 'Leanne', 'Kerry', 'Zoe',
  'Aisha', 'Fatima', 'Maryam', 'Priya', 'Amira', 'Hannah', 'Charlotte', 'Megan', 'Lauren', 'Jade', 'Danielle', 'Natalie', 'Gemma',
  'Tracey', 'Michelle', 'Nicola', 'Joanne', 'Sarah', 'Emma', 'Laura', 'Amy', 'Holly', 'Abigail', 'Freya', 'Layla', 'Chantelle',
] as const;

export const maleForenames = [
  'Oliver', 'George', 'Harry', 'Jack', 'Jacob', 'Noah', 'Charlie', 'Thomas', 'Oscar', 'William', 'James', 'Joshua', 'Alfie', 'Leo',
  'Jonathan', 'John', 'Michael', 'Robert', 'Daniel', 'Matthew', 'Christopher', 'Joseph', 'Anthony', 'Nicholas', 'Alexander', 'Samuel',
  'Mohammed', 'Ibrahim', 'Yusuf', 'Arjun', 'Kai', 'Tyler', 'Callum', 'Connor', 'Liam', 'Ryan', 'Jordan', 'Kieran', 'Jamie', 'Lewis',
  'Darren', 'Wayne', 'Dean', 'Lee', 'Craig', 'Stephen', 'Mark', 'Paul', 'Jason', 'Reece', 'Ethan', 'Mason', 'Riley', 'Zain',
] as const;

export const surnames = [
  'Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker',
  'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', 'Patel', 'Khan', 'Hussain', 'Ahmed', 'Begum', 'Ali', 'Lewis', 'Harris',
  'Martin', 'Cooper', 'King', 'Lee', 'Baker', 'Harrison', 'Morgan', 'Allen', 'James', 'Scott', 'Phillips', 'Watson', 'Davis', 'Parker',
  'Price', 'Bennett', 'Young', 'Griffiths', 'Mitchell', 'Kelly', 'Cook', 'Carter', 'Richardson', 'Bailey', 'Collins', 'Bell', 'Shaw',
  'Murphy', 'Miller', 'Cox', 'Richards', "O'Brien", 'Stevens', 'Macdonald', 'Reid', 'Gray', 'Rahman', 'Mahmood', 'Nowak',
  'Kowalski', 'Okafor', 'Mensah', 'Campbell', 'Stewart', 'Marshall', 'Owen', 'Lloyd', 'Hughes', 'Edwards', 'Turner', 'Hill', 'Moore',
] as const;

/** Short forms people use and records pick up. */
const nicknames: Readonly<Record<string, readonly string[]>> = {
  Jonathan: ['Jon', 'Jonny'],
  John: ['Jon', 'Johnny', 'Jack'],
  Michael: ['Mike', 'Mikey'],
  Robert: ['Rob', 'Bob', 'Bobby'],
  Daniel: ['Dan', 'Danny'],
  Matthew: ['Matt'],
  Christopher: ['Chris'],
  Joseph: ['Joe', 'Joey'],
  Anthony: ['Tony', 'Ant'],
  Nicholas: ['Nick', 'Nicky'],
  Alexander: ['Alex', 'Xander'],
  Samuel: ['Sam', 'Sammy'],
  William: ['Will', 'Billy', 'Bill'],
  James: ['Jim', 'Jimmy', 'Jamie'],
  Thomas: ['Tom', 'Tommy'],
  Joshua: ['Josh'],
  Charlie: ['Charles'],
  Harry: ['Henry'],
  Stephen: ['Steve'],
  Callum: ['Cal'],
  Oliver: ['Ollie'],
  Jacob: ['Jake'],
  Elizabeth: ['Liz', 'Beth', 'Lizzie'],
  Katherine: ['Kate', 'Katie', 'Kathy'],
  Rebecca: ['Becky', 'Becca'],
  Samantha: ['Sam', 'Sammie'],
  Jessica: ['Jess', 'Jessie'],
  Victoria: ['Vicky', 'Tori'],
  Jennifer: ['Jen', 'Jenny'],
  Stephanie: ['Steph'],
  Abigail: ['Abbie', 'Abi'],
  Danielle: ['Dani'],
  Natalie: ['Nat'],
  Nicola: ['Nicky'],
  Charlotte: ['Lottie', 'Charlie'],
  Olivia: ['Liv'],
};

/** Spellings that agencies use interchangeably. */
const spellings: Readonly<Record<string, readonly string[]>> = {
  John: ['Jon'],
  Jon: ['John'],
  Mohammed: ['Muhammad', 'Mohammad', 'Mohamed'],
  Aisha: ['Ayesha', 'Aysha'],
  Katie: ['Katy', 'Katey'],
  Lee: ['Leigh'],
  Zoe: ['Zoey', 'Zoë'],
  Kerry: ['Keri', 'Kerrie'],
  Reece: ['Rhys', 'Reese'],
  Leanne: ['Lianne', 'Leann'],
  Tracey: ['Tracy'],
  Jade: ['Jayde'],
  Kieran: ['Ciaran', 'Kieron'],
  Layla: ['Leila', 'Laila'],
  Smith: ['Smyth'],
  Thompson: ['Thomson', 'Tompson'],
  Stevens: ['Stephens'],
  Phillips: ['Philips'],
  Macdonald: ['McDonald', 'MacDonald'],
  Reid: ['Reed', 'Read'],
  Clarke: ['Clark'],
  Brown: ['Browne'],
  Gray: ['Grey'],
  Davies: ['Davis'],
  Davis: ['Davies'],
  Hussain: ['Hussein', 'Husain'],
  Ahmed: ['Ahmad'],
  Mahmood: ['Mahmud'],
  "O'Brien": ['OBrien', "O Brien"],
  Griffiths: ['Griffith'],
};

export function nicknameOf(name: string, rng: Rng): string | undefined {
  const options = nicknames[name];
  return options ? rng.pick(options) : undefined;
}

export function spellingVariantOf(name: string, rng: Rng): string | undefined {
  const options = spellings[name];
  return options ? rng.pick(options) : undefined;
}

/** A typing slip: two letters swapped, one dropped or one doubled. Never changes the first letter. */
export function typo(name: string, rng: Rng): string {
  if (name.length < 4) return name + name[name.length - 1]!;
  const i = rng.int(1, name.length - 2);
  switch (rng.int(0, 2)) {
    case 0:
      return name.slice(0, i) + name[i + 1]! + name[i]! + name.slice(i + 2);
    case 1:
      return name.slice(0, i) + name.slice(i + 1);
    default:
      return name.slice(0, i) + name[i]! + name.slice(i);
  }
}
