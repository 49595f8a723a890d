/**
 * The UK name list for synthetic people and staff: common given names and surnames in England and
 * Wales (ONS baby-name and surname frequency lists), with Welsh, Irish and other names found in UK
 * communities, some with accents and apostrophes so exports exercise UTF-8 and CSV quoting.
 * Data only; used for nothing but synthetic records.
 */
export const MALE_FORENAMES: readonly string[] = [
  'Oliver', 'George', 'Harry', 'Jack', 'Jacob', 'Noah', 'Charlie', 'Muhammad', 'Thomas', 'Oscar', 'William',
  'James', 'Henry', 'Leo', 'Alfie', 'Joshua', 'Freddie', 'Archie', 'Ethan', 'Isaac', 'Alexander', 'Joseph',
  'Edward', 'Samuel', 'Max', 'Daniel', 'Arthur', 'Lucas', 'Mohammed', 'Logan', 'Theo', 'Harrison',
  'Benjamin', 'Mason', 'Sebastian', 'Finley', 'Adam', 'Dylan', 'Zachary', 'Riley', 'Teddy', 'Theodore',
  'David', 'Toby', 'Jake', 'Louie', 'Elijah', 'Reuben', 'Arlo', 'Hugo', 'Luca', 'Jaxon', 'Matthew', 'Harvey',
  'Reggie', 'Michael', 'Harley', 'Jude', 'Albert', 'Tommy', 'Luke', 'Stanley', 'Jenson', 'Frankie', 'Jayden',
  'Gabriel', 'Elliot', 'Mohammad', 'Ronnie', 'Dexter', 'Kai', 'Carter', 'Nathan', 'Ryan', 'Liam', 'Connor',
  'Callum', 'Kieran', 'Jordan', 'Bradley', 'Lewis', 'Aaron', 'Jamie', 'Craig', 'Darren', 'Dean', 'Gary',
  'Lee', 'Mark', 'Paul', 'Wayne', 'Stephen', 'Andrew', 'Christopher', 'Richard', 'Anthony', 'Kevin', 'Neil',
  'Scott', 'Shaun', 'Stuart', 'Gareth', 'Rhys', 'Dafydd', 'Owain', 'Iwan', 'Sion', 'Gethin', 'Aled',
  'Declan', 'Ciaran', 'Conor', 'Sean', 'Patrick', 'Kwame', 'Kofi', 'Tyrone', 'Jermaine', 'Marcus', 'Dwayne',
  'Imran', 'Bilal', 'Hamza', 'Yusuf', 'Zain', 'Ravi', 'Arjun', 'Sanjay', 'Tomasz', 'Piotr', 'Jakub',
  'Marius', 'Andrei', 'Florin', 'José', 'Zoltán',
];

export const FEMALE_FORENAMES: readonly string[] = [
  'Olivia', 'Amelia', 'Isla', 'Ava', 'Mia', 'Ivy', 'Lily', 'Isabella', 'Rosie', 'Sophia', 'Grace', 'Willow',
  'Freya', 'Florence', 'Emily', 'Ella', 'Poppy', 'Evie', 'Elsie', 'Charlotte', 'Evelyn', 'Sienna', 'Sofia',
  'Daisy', 'Phoebe', 'Sophie', 'Alice', 'Harper', 'Matilda', 'Ruby', 'Emilia', 'Maya', 'Millie', 'Isabelle',
  'Erin', 'Chloe', 'Jessica', 'Lucy', 'Layla', 'Zara', 'Aisha', 'Fatima', 'Maryam', 'Amira', 'Hannah',
  'Holly', 'Megan', 'Lauren', 'Rebecca', 'Sarah', 'Laura', 'Emma', 'Gemma', 'Kelly', 'Natalie', 'Nicola',
  'Lisa', 'Michelle', 'Claire', 'Donna', 'Joanne', 'Karen', 'Tracey', 'Stacey', 'Kirsty', 'Leanne', 'Jade',
  'Chantelle', 'Shannon', 'Courtney', 'Paige', 'Kayleigh', 'Siân', 'Ffion', 'Cerys', 'Carys', 'Niamh',
  'Aoife', 'Siobhán', 'Roisin', 'Zoë', 'Chloë', 'Renée', 'Agnieszka', 'Katarzyna', 'Ioana', 'Priya',
  'Sunita', 'Anjali', 'Nadia', 'Yasmin', 'Shanice', 'Keisha', 'Abena',
];

export const SURNAMES: readonly string[] = [
  'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson',
  'Roberts', 'Robinson', 'Thompson', 'Wright', 'Walker', 'White', 'Edwards', 'Hughes', 'Green', 'Hall',
  'Lewis', 'Harris', 'Clarke', 'Patel', 'Jackson', 'Wood', 'Turner', 'Martin', 'Cooper', 'Hill', 'Ward',
  'Morris', 'Moore', 'Clark', 'Lee', 'King', 'Baker', 'Harrison', 'Morgan', 'Allen', 'James', 'Scott',
  'Phillips', 'Watson', 'Davis', 'Parker', 'Price', 'Bennett', 'Young', 'Griffiths', 'Mitchell', 'Kelly',
  'Cook', 'Carter', 'Richardson', 'Bailey', 'Collins', 'Bell', 'Shaw', 'Murphy', 'Miller', 'Cox', 'Richards',
  'Khan', 'Marshall', 'Anderson', 'Simpson', 'Ellis', 'Adams', 'Singh', 'Begum', 'Wilkinson', 'Foster',
  'Chapman', 'Powell', 'Webb', 'Rogers', 'Gray', 'Mason', 'Ali', 'Hunt', 'Hussain', 'Campbell', 'Matthews',
  'Owen', 'Palmer', 'Holmes', 'Mills', 'Barnes', 'Knight', 'Lloyd', 'Butler', 'Russell', 'Barker', 'Fisher',
  'Stevens', 'Jenkins', 'Murray', 'Dixon', 'Harvey', 'Graham', 'Pearson', 'Ahmed', 'Fletcher', 'Walsh',
  'Kaur', 'Gibson', 'Howard', 'Andrews', 'Stewart', 'Elliott', 'Reynolds', 'Saunders', 'Payne', 'Fox',
  'Ford', 'Pearce', 'Day', 'Brooks', 'West', 'Lawrence', 'Cole', 'Atkinson', 'Bradley', 'Spencer', 'Gill',
  'Dawson', 'Ball', 'Burton', "O'Brien", 'Watts', 'Rose', 'Booth', 'Perry', 'Ryan', 'Grant', 'Wells',
  'Armstrong', 'Francis', 'Rees', 'Hayes', 'Hart', 'Hudson', 'Newman', 'Barrett', 'Webster', 'Hunter',
  'Gregory', 'Carr', 'Lowe', 'Page', 'Marsh', 'Riley', 'Dunn', 'Woods', 'Parsons', 'Berry', 'Stone', 'Reid',
  'Holland', 'Hawkins', 'Harding', 'Porter', 'Robertson', 'Newton', 'Oliver', 'Reed', 'Kennedy',
  'Williamson', 'Bird', 'Gardner', 'Shah', 'Dean', 'Lane', 'Cooke', 'Bates', 'Henderson', 'Parry', 'Burgess',
  'Bishop', 'Walton', 'Burns', 'Nicholson', 'Shepherd', 'Ross', 'Cross', 'Long', 'Freeman', 'Warren',
  'Nicholls', 'Hamilton', 'Byrne', 'Sutton', 'McDonald', 'Yates', 'Hodgson', 'Robson', 'Curtis', 'Hopkins',
  "O'Connor", 'Harper', 'Coleman', 'Watkins', 'Moss', 'McCarthy', 'Chambers', "O'Neill", 'Griffin', 'Sharp',
  'Hardy', 'Wheeler', 'Potter', 'Osborne', 'Johnston', 'Gordon', 'Doyle', 'Wallace', 'George', 'Jordan',
  'Hutchinson', 'Rowe', 'Burke', 'May', 'Pritchard', 'Gilbert', 'Willis', 'Higgins', 'Read', 'Miles',
  'Stevenson', 'Stephenson', 'Hammond', 'Arnold', 'Buckley', 'Walters', 'Hewitt', 'Barber', 'Nelson',
  'Slater', 'Austin', 'Sullivan', 'Whitehead', 'Mann', 'Frost', 'Lambert', 'Stephens', 'Blake', 'Akhtar',
  'Lynch', 'Goodwin', 'Barton', 'Woodward', 'Thomson', 'Cunningham', 'Quinn', 'Barnett', 'Baxter', 'Bibi',
  'Clayton', 'Nash', 'Greenwood', 'Jennings', 'Holt', 'Kemp', 'Poole', 'Gallagher', 'Bond', 'Stokes',
  'Tucker', 'Davidson', 'Fowler', 'Heath', 'Norman', 'Middleton', 'Lawson', 'Banks', 'French', 'Stanley',
  'Jarvis', 'Gibbs', 'Ferguson', 'Hayward', 'Carroll', 'Douglas', 'Dickinson', 'Todd', 'Barlow', 'Peters',
  'Lucas', 'Knowles', 'Hartley', 'Miah', 'Simmons', 'Morton', 'Alexander', 'Field', 'Morrison', 'Norris',
  'Townsend', 'Preston', 'Hancock', 'Thornton', 'Baldwin', 'Burrows', 'Briggs', 'Storey', 'Pope', 'Mensah',
  'Owusu', 'Okafor', 'Adeyemi', 'Nowak', 'Kowalski', 'Popescu', 'Ó Súilleabháin', 'Llewellyn', 'ap Rhys',
];
