/** Probation delivery units (boroughs and districts) per NPS division area, for team names. */
export const PDUS_BY_REGION: Readonly<Record<string, readonly string[]>> = {
  N01: ['Manchester', 'Salford', 'Bolton', 'Wigan', 'Stockport', 'Liverpool', 'Wirral', 'Sefton', 'Preston', 'Blackpool', 'Blackburn', 'Carlisle', 'Barrow', 'Chester', 'Warrington', 'Crewe'],
  N02: ['Newcastle', 'Gateshead', 'Sunderland', 'Durham', 'Middlesbrough', 'Hartlepool', 'Hull', 'Scunthorpe', 'Lincoln', 'York', 'Leeds', 'Bradford', 'Wakefield', 'Kirklees', 'Calderdale', 'Sheffield', 'Doncaster', 'Rotherham', 'Barnsley'],
  N03: ['Cardiff', 'Swansea', 'Newport', 'Bridgend', 'Merthyr Tydfil', 'Wrexham', 'Rhyl', 'Bangor', 'Aberystwyth', 'Carmarthen'],
  N04: ['Birmingham', 'Coventry', 'Wolverhampton', 'Walsall', 'Dudley', 'Sandwell', 'Stoke-on-Trent', 'Stafford', 'Nottingham', 'Derby', 'Leicester', 'Worcester', 'Hereford', 'Shrewsbury', 'Telford', 'Warwick'],
  N05: ['Bristol', 'Gloucester', 'Swindon', 'Taunton', 'Plymouth', 'Exeter', 'Torquay', 'Truro', 'Bournemouth', 'Poole', 'Southampton', 'Portsmouth', 'Reading', 'Oxford', 'Milton Keynes', 'Slough'],
  N06: ['Bedford', 'Luton', 'Northampton', 'Cambridge', 'Peterborough', 'St Albans', 'Norwich', 'Ipswich', 'Chelmsford', 'Southend', 'Colchester', 'Maidstone', 'Canterbury', 'Guildford', 'Brighton', 'Crawley'],
  N07: ['Camden and Islington', 'Hackney', 'Tower Hamlets', 'Newham', 'Lambeth', 'Southwark', 'Lewisham', 'Croydon', 'Ealing', 'Brent', 'Haringey', 'Enfield', 'Barnet', 'Hounslow', 'Wandsworth', 'Westminster'],
};

export const LDU_SUFFIXES = ['North', 'South', 'East', 'West', 'Central'] as const;
