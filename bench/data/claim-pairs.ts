/**
 * Labelled claim pairs for measuring claim matching (bench/matching.bench.ts, bench/README.md).
 * Written by hand for issue 11, in the style of UK and international news copy. Each base claim
 * comes with:
 * - `same`: the same claim in other words (another outlet's wording, other figure spelling),
 * - `sameFigure`: the same figure about a different subject,
 * - `otherFigure`: a different figure about the same subject,
 * and is paired with an unrelated base claim (UNRELATED_OFFSET further on). Only `same` pairs are
 * the same claim; all others are not.
 */

export interface ClaimSample {
  statement: string;
  claimant?: string;
}

export interface PairBase {
  base: ClaimSample;
  same: ClaimSample;
  sameFigure: ClaimSample;
  otherFigure: ClaimSample;
}

export type PairKind = "same" | "sameFigure" | "otherFigure" | "unrelated";

export interface LabelledPair {
  a: ClaimSample;
  b: ClaimSample;
  kind: PairKind;
  /** True only for "same": the two claims say the same thing. */
  isSame: boolean;
}

export const PAIR_BASES: PairBase[] = [
  {
    base: { statement: "Unemployment rose to 4.5% in the three months to June.", claimant: "Rachel Reeves" },
    same: { statement: "The jobless rate climbed to 4.5 per cent in the quarter to June.", claimant: "Rachel Reeves" },
    sameFigure: { statement: "Inflation rose to 4.5% in the three months to June.", claimant: "Rachel Reeves" },
    otherFigure: { statement: "Unemployment rose to 4.2% in the three months to June.", claimant: "Rachel Reeves" },
  },
  {
    base: { statement: "The new bridge over the Thames will cost £3.4bn." },
    same: { statement: "Building the Thames bridge will cost £3.4 billion." },
    sameFigure: { statement: "The new hospital in Leeds will cost £3.4bn." },
    otherFigure: { statement: "The new bridge over the Thames will cost £2.1bn." },
  },
  {
    base: { statement: "North Korea has sent 10,000 troops to Russia.", claimant: "David Lammy" },
    same: { statement: "Some ten thousand North Korean troops have been deployed to Russia.", claimant: "David Lammy" },
    sameFigure: { statement: "Britain has sent 10,000 troops to Estonia.", claimant: "David Lammy" },
    otherFigure: { statement: "North Korea has sent 3,000 troops to Russia.", claimant: "David Lammy" },
  },
  {
    base: { statement: "UK defence spending is 2.3% of GDP.", claimant: "Keir Starmer" },
    same: { statement: "We are at 2.3 per cent of GDP on defence spending.", claimant: "Keir Starmer" },
    sameFigure: { statement: "UK spending on overseas aid is 2.3% of GDP.", claimant: "Keir Starmer" },
    otherFigure: { statement: "UK defence spending is 2.5% of GDP.", claimant: "Keir Starmer" },
  },
  {
    base: { statement: "NHS waiting lists have fallen to 7.4 million." },
    same: { statement: "The NHS waiting list has dropped to 7.4m patients." },
    sameFigure: { statement: "The number of people on universal credit has fallen to 7.4 million." },
    otherFigure: { statement: "NHS waiting lists have fallen to 7.6 million." },
  },
  {
    base: { statement: "Net migration to the UK reached 745,000 in 2022." },
    same: { statement: "In 2022 net migration into Britain hit 745,000." },
    sameFigure: { statement: "The number of UK births reached 745,000 in 2022." },
    otherFigure: { statement: "Net migration to the UK reached 606,000 in 2022." },
  },
  {
    base: { statement: "The government has built 1.5 million new homes since 2010.", claimant: "Michael Gove" },
    same: { statement: "Since 2010 ministers have delivered 1.5m new houses.", claimant: "Michael Gove" },
    sameFigure: { statement: "The government has planted 1.5 million new trees since 2010.", claimant: "Michael Gove" },
    otherFigure: { statement: "The government has built 2 million new homes since 2010.", claimant: "Michael Gove" },
  },
  {
    base: { statement: "Energy bills will rise by £500 a year for the average household." },
    same: { statement: "The average household's energy bill is set to go up by £500 annually." },
    sameFigure: { statement: "Council tax will rise by £500 a year for the average household." },
    otherFigure: { statement: "Energy bills will rise by £150 a year for the average household." },
  },
  {
    base: { statement: "Child poverty has increased by 350,000 since 2019.", claimant: "Labour" },
    same: { statement: "There are 350,000 more children in poverty than in 2019.", claimant: "Labour" },
    sameFigure: { statement: "Homelessness has increased by 350,000 since 2019.", claimant: "Labour" },
    otherFigure: { statement: "Child poverty has increased by 100,000 since 2019.", claimant: "Labour" },
  },
  {
    base: { statement: "Police recorded 6.7 million crimes in England and Wales last year." },
    same: { statement: "Last year the police in England and Wales recorded 6.7m crimes." },
    sameFigure: { statement: "Rail passengers made 6.7 million journeys in England and Wales last year." },
    otherFigure: { statement: "Police recorded 5.2 million crimes in England and Wales last year." },
  },
  {
    base: { statement: "The minimum wage will rise to £12.21 an hour in April.", claimant: "Jeremy Hunt" },
    same: { statement: "From April the national minimum wage goes up to £12.21 per hour.", claimant: "Jeremy Hunt" },
    sameFigure: { statement: "Average bus fares will rise to £12.21 in April.", claimant: "Jeremy Hunt" },
    otherFigure: { statement: "The minimum wage will rise to £11.44 an hour in April.", claimant: "Jeremy Hunt" },
  },
  {
    base: { statement: "Inflation fell to 2.3% in April." },
    same: { statement: "In April consumer price inflation dropped to 2.3 per cent." },
    sameFigure: { statement: "Wage growth fell to 2.3% in April." },
    otherFigure: { statement: "Inflation fell to 3.2% in April." },
  },
  {
    base: { statement: "Global temperatures are 1.5C above pre-industrial levels.", claimant: "Met Office" },
    same: { statement: "The world is now 1.5 degrees warmer than before industrialisation.", claimant: "Met Office" },
    sameFigure: { statement: "Ocean acidity is 1.5 points above pre-industrial levels.", claimant: "Met Office" },
    otherFigure: { statement: "Global temperatures are 1.1C above pre-industrial levels.", claimant: "Met Office" },
  },
  {
    base: { statement: "The EU fined Google €2.4bn for abusing its search dominance." },
    same: { statement: "Google was hit with a €2.4 billion fine by the European Union over its search dominance." },
    sameFigure: { statement: "The EU gave Ukraine €2.4bn in military aid." },
    otherFigure: { statement: "The EU fined Google €4.3bn for abusing its search dominance." },
  },
  {
    base: { statement: "One in five children leave primary school unable to read properly." },
    same: { statement: "20% of children finish primary school without being able to read properly." },
    sameFigure: { statement: "One in five adults in England has a disability." },
    otherFigure: { statement: "One in four children leave primary school unable to read properly." },
  },
  {
    base: { statement: "The UK economy grew by 0.6% in the first quarter." },
    same: { statement: "Britain's GDP expanded 0.6 per cent in the first three months of the year." },
    sameFigure: { statement: "Retail sales grew by 0.6% in the first quarter." },
    otherFigure: { statement: "The UK economy grew by 0.2% in the first quarter." },
  },
  {
    base: { statement: "Tesla sold 1.8 million cars worldwide in 2023." },
    same: { statement: "In 2023 Tesla delivered 1.8m vehicles around the world." },
    sameFigure: { statement: "Toyota recalled 1.8 million cars worldwide in 2023." },
    otherFigure: { statement: "Tesla sold 1.3 million cars worldwide in 2023." },
  },
  {
    base: { statement: "There are 4,000 fewer GPs than in 2015.", claimant: "British Medical Association" },
    same: { statement: "England has lost 4,000 family doctors since 2015.", claimant: "British Medical Association" },
    sameFigure: { statement: "There are 4,000 fewer pubs than in 2015.", claimant: "British Medical Association" },
    otherFigure: { statement: "There are 1,500 fewer GPs than in 2015.", claimant: "British Medical Association" },
  },
  {
    base: { statement: "The HS2 rail line has cost £22.5bn so far." },
    same: { statement: "So far £22.5 billion has been spent on the HS2 railway." },
    sameFigure: { statement: "The Covid test and trace scheme has cost £22.5bn so far." },
    otherFigure: { statement: "The HS2 rail line has cost £45bn so far." },
  },
  {
    base: { statement: "Sewage was dumped into England's rivers 3.6 million hours last year." },
    same: { statement: "Water companies spilled sewage into English rivers for 3.6m hours in the past year." },
    sameFigure: { statement: "Trains in England were delayed for 3.6 million hours last year." },
    otherFigure: { statement: "Sewage was dumped into England's rivers 1.8 million hours last year." },
  },
  {
    base: { statement: "Teachers will get a 5.5% pay rise this year.", claimant: "Bridget Phillipson" },
    same: { statement: "This year teachers' pay will go up by 5.5 per cent.", claimant: "Bridget Phillipson" },
    sameFigure: { statement: "Nurses will get a 5.5% pay rise this year.", claimant: "Bridget Phillipson" },
    otherFigure: { statement: "Teachers will get a 6.5% pay rise this year.", claimant: "Bridget Phillipson" },
  },
  {
    base: { statement: "More than 45,000 people crossed the Channel in small boats in 2022." },
    same: { statement: "In 2022 over 45,000 migrants made the Channel crossing in small boats." },
    sameFigure: { statement: "More than 45,000 people ran the London Marathon in 2022." },
    otherFigure: { statement: "More than 29,000 people crossed the Channel in small boats in 2022." },
  },
  {
    base: { statement: "Food prices have risen by 25% in two years." },
    same: { statement: "The cost of food has gone up a quarter over the past two years." },
    sameFigure: { statement: "Rents have risen by 25% in two years." },
    otherFigure: { statement: "Food prices have risen by 12% in two years." },
  },
  {
    base: { statement: "The Amazon lost 11,088 square kilometres of forest in 2021." },
    same: { statement: "In 2021 deforestation in the Amazon reached 11,088 sq km." },
    sameFigure: { statement: "Wildfires in Canada burned 11,088 square kilometres of forest in 2021." },
    otherFigure: { statement: "The Amazon lost 13,235 square kilometres of forest in 2021." },
  },
  {
    base: { statement: "Germany will spend €100bn modernising its armed forces.", claimant: "Olaf Scholz" },
    same: { statement: "Berlin is putting €100 billion into upgrading the German military.", claimant: "Olaf Scholz" },
    sameFigure: { statement: "Germany will spend €100bn on new railways.", claimant: "Olaf Scholz" },
    otherFigure: { statement: "Germany will spend €50bn modernising its armed forces.", claimant: "Olaf Scholz" },
  },
  {
    base: { statement: "Knife crime has risen by 7% in London this year.", claimant: "Sadiq Khan" },
    same: { statement: "This year London has seen a 7 per cent increase in knife crime.", claimant: "Sadiq Khan" },
    sameFigure: { statement: "Bus ridership has risen by 7% in London this year.", claimant: "Sadiq Khan" },
    otherFigure: { statement: "Knife crime has risen by 15% in London this year.", claimant: "Sadiq Khan" },
  },
  {
    base: { statement: "The US national debt has passed $34 trillion." },
    same: { statement: "America's federal debt is now more than $34tn." },
    sameFigure: { statement: "The value of US stocks has passed $34 trillion." },
    otherFigure: { statement: "The US national debt has passed $31 trillion." },
  },
  {
    base: { statement: "A quarter of hospital beds are occupied by patients fit to be discharged." },
    same: { statement: "25% of hospital beds hold patients who are well enough to go home." },
    sameFigure: { statement: "A quarter of hospital staff are on temporary contracts." },
    otherFigure: { statement: "A tenth of hospital beds are occupied by patients fit to be discharged." },
  },
  {
    base: { statement: "Scotland's population reached 5.4 million, a record high." },
    same: { statement: "A record 5.4m people now live in Scotland." },
    sameFigure: { statement: "Norway's population reached 5.4 million, a record high." },
    otherFigure: { statement: "Scotland's population reached 5.1 million, a record high." },
  },
  {
    base: { statement: "Average house prices in the UK fell by 1.8% last year.", claimant: "Nationwide" },
    same: { statement: "UK house prices dropped 1.8 per cent over the past year.", claimant: "Nationwide" },
    sameFigure: { statement: "Average rents in the UK fell by 1.8% last year.", claimant: "Nationwide" },
    otherFigure: { statement: "Average house prices in the UK fell by 4.5% last year.", claimant: "Nationwide" },
  },
  {
    base: { statement: "France has deployed 45,000 police officers for New Year's Eve.", claimant: "Gérald Darmanin" },
    same: { statement: "Some 45,000 police will be on duty across France on New Year's Eve.", claimant: "Gérald Darmanin" },
    sameFigure: { statement: "France has deployed 45,000 firefighters against the wildfires.", claimant: "Gérald Darmanin" },
    otherFigure: { statement: "France has deployed 90,000 police officers for New Year's Eve.", claimant: "Gérald Darmanin" },
  },
  {
    base: { statement: "University tuition fees will rise to £9,535 a year." },
    same: { statement: "Students will pay up to £9,535 annually in tuition fees." },
    sameFigure: { statement: "Nursery fees will rise to £9,535 a year." },
    otherFigure: { statement: "University tuition fees will rise to £9,250 a year." },
  },
  {
    base: { statement: "Ukraine has received $175bn in US aid since the invasion." },
    same: { statement: "Since Russia invaded, the United States has given Ukraine $175 billion." },
    sameFigure: { statement: "Israel has received $175bn in US aid since its founding." },
    otherFigure: { statement: "Ukraine has received $61bn in US aid since the invasion." },
  },
  {
    base: { statement: "Obesity costs the NHS £6.5bn a year.", claimant: "Wes Streeting" },
    same: { statement: "Every year the NHS spends £6.5 billion on obesity.", claimant: "Wes Streeting" },
    sameFigure: { statement: "Smoking costs the NHS £6.5bn a year.", claimant: "Wes Streeting" },
    otherFigure: { statement: "Obesity costs the NHS £11bn a year.", claimant: "Wes Streeting" },
  },
  {
    base: { statement: "Over 2.8 million people are out of work due to long-term sickness." },
    same: { statement: "Long-term sickness keeps 2.8m people out of the workforce." },
    sameFigure: { statement: "Over 2.8 million people are on hospital waiting lists for eye care." },
    otherFigure: { statement: "Over 2.5 million people are out of work due to long-term sickness." },
  },
  {
    base: { statement: "Japan's population shrank by 800,000 last year." },
    same: { statement: "Last year the number of people in Japan fell by 800,000." },
    sameFigure: { statement: "Japan's tourist numbers grew by 800,000 last year." },
    otherFigure: { statement: "Japan's population shrank by 500,000 last year." },
  },
  {
    base: { statement: "Wind power generated 29% of Britain's electricity in 2023." },
    same: { statement: "In 2023 wind turbines produced 29 per cent of the UK's electricity." },
    sameFigure: { statement: "Gas generated 29% of Britain's electricity in 2023." },
    otherFigure: { statement: "Wind power generated 18% of Britain's electricity in 2023." },
  },
  {
    base: { statement: "Crime is down 10% since the election.", claimant: "Rishi Sunak" },
    same: { statement: "Since the election crime has fallen by 10 per cent.", claimant: "Rishi Sunak" },
    sameFigure: { statement: "Immigration is down 10% since the election.", claimant: "Rishi Sunak" },
    otherFigure: { statement: "Crime is down 50% since the election.", claimant: "Rishi Sunak" },
  },
  {
    base: { statement: "India overtook China with a population of 1.43 billion people." },
    same: { statement: "With 1.43bn people, India is now more populous than China." },
    sameFigure: { statement: "China's internet users number 1.43 billion people." },
    otherFigure: { statement: "India overtook China with a population of 1.39 billion people." },
  },
  {
    base: { statement: "The Post Office Horizon scandal led to 900 wrongful prosecutions." },
    same: { statement: "More than 900 sub-postmasters were wrongly prosecuted because of the Horizon IT system." },
    sameFigure: { statement: "The Post Office is closing 900 branches." },
    otherFigure: { statement: "The Post Office Horizon scandal led to 700 wrongful prosecutions." },
  },
];

/** Base i is paired with base i + UNRELATED_OFFSET (wrapping) as an unrelated pair. */
export const UNRELATED_OFFSET = 13;

export function labelledPairs(): LabelledPair[] {
  const pairs: LabelledPair[] = [];
  PAIR_BASES.forEach((p, i) => {
    pairs.push({ a: p.same, b: p.base, kind: "same", isSame: true });
    pairs.push({ a: p.sameFigure, b: p.base, kind: "sameFigure", isSame: false });
    pairs.push({ a: p.otherFigure, b: p.base, kind: "otherFigure", isSame: false });
    pairs.push({ a: PAIR_BASES[(i + UNRELATED_OFFSET) % PAIR_BASES.length]!.same, b: p.base, kind: "unrelated", isSame: false });
  });
  return pairs;
}
