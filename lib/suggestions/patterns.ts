/** Regular expressions that find figures, dates, comparisons, opinions and predictions. */

export const NUMBER_WORDS =
  "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|half a|a quarter of a";
export const MONTH = "January|February|March|April|May|June|July|August|September|October|November|December";

export const NUMBER_SCAN_RE = /(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?/g;
export const SCALE_AFTER_RE = /(?:\s?(?:bn|tn|mn|m|k)|\s(?:million|billion|trillion|thousand|hundred))(?![a-z0-9])/y;
export const PERCENT_AFTER_RE = /\s?(?:%|(?:per\s?cent|percent|percentage\s+points?|pc)(?![a-z]))/y;
export const MONEY_WORD_AFTER_RE =
  /\s?(?:pounds?|dollars?|euros?|pence|cents?|yen|yuan|rupees?|roubles?|rubles?|francs?)(?![a-z])/y;
export const PENCE_AFTER_RE = /p(?![A-Za-z0-9])/y;
// Case-sensitive on purpose: "MW" is a unit, "mw" is not, and "m"/"g" alone are too ambiguous.
export const UNIT_AFTER_RE =
  /\s?-?(?:km\/h|km|kilomet(?:re|er)s?|miles?|met(?:re|er)s?|cm|mm|ft|feet|foot|inch(?:es)?|kg|kilo(?:gram)?s?|grams?|tonnes?|tons?|lbs?|mph|kph|°\s?[CF]?|degrees(?:\s(?:Celsius|Fahrenheit|C|F))?|hectares?|acres?|sq(?:uare)?\s(?:km|kilomet(?:re|er)s|miles|met(?:re|er)s|feet)|litres?|liters?|gallons?|barrels?|[kMGT]Wh?|(?:kilo|mega|giga|tera)watts?(?:[- ]hours?)?|kcal|calories|decibels|knots|mg|ml|GB|TB|MB|years?[- ]old)(?![A-Za-z0-9])/y;
export const PROPORTION_AFTER_RE =
  /\s+(?:in|out\s+of)\s+(?:every\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|twenty|a\s+hundred|hundred|\d+)(?![a-z0-9])/y;
export const CURRENCY_BEFORE_RE = /(?:^|[^A-Za-z0-9])((?:US|A|C|NZ|HK|S)?[£$€¥₹]\s?)$/;
export const YEAR_SHAPE_RE = /^(?:1[89]\d\d|20\d\d)$/;
export const PERCENT_WORD_RE = /(?:per\s?cent|percent)(?![a-z])/g;
export const NUMBER_WORD_BEFORE_RE = new RegExp(`(?:^|[^a-z])((?:${NUMBER_WORDS})\\s?)$`);
export const PROPORTION_RE = new RegExp(
  String.raw`\b(?:(?:one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:in|out\s+of)\s+(?:every\s+)?(?:two|three|four|five|six|seven|eight|nine|ten|twenty|a\s+hundred|hundred|\d+)\b|(?:a|one|two|three|four)[\s-](?:half|third|quarter|fifth|tenth|thirds|quarters|fifths|tenths)\s+of\b|half\s+of\s+(?:all|the)\b|(?:a|the)\s+(?:majority|minority)\s+of\b)`,
  "g",
);
export const COUNT_WORD_RE = /\b(?:(?:tens|hundreds)\s+of\s+)?(?:thousands|millions|billions|hundreds|dozens|scores)\s+of\b/g;
export const MONTH_RE = new RegExp(
  String.raw`\b(?:${MONTH})\b(?:\s+\d{1,2}(?:st|nd|rd|th)?(?!\d))?(?:,?\s+(?:1[89]|20)\d\d)?`,
  "g",
);
export const DAY_BEFORE_MONTH_RE = /(?:^|[^0-9])(\d{1,2}(?:st|nd|rd|th)?\s+)$/;
export const MONTH_PREPOSITION_RE =
  /(?:^|\s)(?:in|since|from|until|till|by|last|next|early|late|mid|of|on|between|during|before|after|this|end)\s+$/i;
export const SINCE_RE = new RegExp(
  String.raw`\bsince\s+(?:records\s+began|the\s+(?:start|beginning|end|middle)\s+of\s+(?:the\s+)?[a-z0-9]+|(?:(?:early|late|mid)[\s-])?(?:1[89]|20)\d\d(?:s)?|(?:\d{1,2}\s+)?(?:${MONTH.toLowerCase()})(?:\s+(?:1[89]|20)\d\d)?|last\s+[a-z]+|then|the\s+(?:19|20)\d\ds|the\s+(?:pandemic|crisis|financial\s+crisis|referendum|election|war|invasion|lockdown)|the\s+[a-z]+\s+(?:election|referendum|war|crash|invasion|pandemic))`,
  "g",
);
export const RELATIVE_DATE_RE =
  /\b(?:(?:last|this|next|previous|past)\s+(?:year|month|week|decade|quarter|summer|winter|spring|autumn|financial\s+year)|in\s+the\s+(?:past|last)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|few)\s+(?:years|months|decades|weeks)|(?:first|second|third|fourth|final)\s+quarter)\b/g;
export const CHANGE_RE =
  /\b(?:(?:rose|risen|rises|rising|rise|fell|fallen|falls|falling|fall|increased|increases|increase|decreased|decreases|decrease|declined|declines|decline|dropped|drops|drop|grew|grown|grows|growing|growth|jumped|jumps|jump|climbed|climbs|surged|surges|soared|soars|plunged|plunges|plummeted|slumped|tumbled|shrank|shrunk|shrinks|slashed|boosted|reduced|cut)\s+(?:by|to|from)|(?:up|down)\s+from|(?:more\s+than\s+)?(?:doubled|tripled|trebled|quadrupled|halved))\b/g;
export const BARE_CHANGE_RE =
  /\b(?:rose|fell|increased|decreased|declined|dropped|grew|jumped|climbed|surged|soared|plunged|plummeted|slumped|tumbled|shrank)\b/g;
export const COMPARISON_RE =
  /\b(?:(?:more|less|fewer|higher|lower|greater|larger|bigger|smaller|cheaper|dearer|faster|slower|older|younger|longer|shorter|richer|poorer|worse|better|hotter|colder|heavier|lighter|safer|deadlier|wider|narrower)\s+than|(?:worse|better)\s+off\s+than|compared\s+(?:with|to)|(?:half|twice|double|triple|treble|quadruple|(?:three|four|five|ten|\d+)\s+times)\s+(?:the|as|that\s+of|what))\b/g;
// The superlative word comes first so the engine is not tried at every "the"; the determiner
// before it is checked afterwards by superlativeLead().
export const SUPERLATIVE_RE =
  /\b(largest|biggest|highest|lowest|smallest|fastest|slowest|longest|shortest|oldest|youngest|richest|poorest|deadliest|busiest|greatest|cheapest|hottest|coldest|wettest|driest|heaviest|worst|best|strongest|weakest|most\s+[a-z]+|least\s+[a-z]+|first\s+time|only)\b(?!\s+possible)|\b(?:record[- ](?:high|low|levels?|numbers?|breaking|temperatures?|year)|a\s+record\b|all[- ]time\s+(?:high|low)|never\s+(?:before|been\s+(?:higher|lower|worse|better|greater|bigger))|for\s+the\s+first\s+time|unprecedented|on\s+record)\b/g;
export const SUPERLATIVE_DETERMINERS = new Set(["the", "its", "their", "his", "her", "our", "my", "your"]);
export const SUPERLATIVE_MODIFIERS = new Set(["single", "second", "third", "fourth", "fifth"]);
export const SUPERLATIVE_SCOPE_RE =
  /^[^.;:!?“”"]{0,50}?\b(?:(?:in|of)\s+(?:the\s+)?(?:world|Europe|history|country|UK|US|EU|\p{Lu}[\p{L}’']+)|ever|on\s+record|since\s+[\p{L}\p{N}]+)/u;
export const ACCORDING_RE = /\baccording\s+to\s+/g;

export const OPINION_RE =
  /\b(?:(?:i|we)\s+(?:think|believe|feel|reckon|suspect|hope|fear|guess)|in\s+(?:my|our)\s+(?:view|opinion)|thinks?(?!\s+tanks?)|believes?|reckons?|should(?:n’t|n't|\s+not)?|ought\s+to|must(?:n’t|n't)?(?!\s+have\s+been)|(?:it\s+is|it’s|it's|it\s+was)\s+(?:time|vital|crucial|essential|important|clear|right|wrong)|(?:hugely|vitally|incredibly|really|extremely)\s+important|(?:the\s+)?time\s+to\s+act|we\s+(?:urge|call\s+on)|needs?\s+to|appalling|disgraceful|outrageous|shameful|brilliant|fantastic|terrible|wonderful|ridiculous|absurd|a\s+waste\s+of)\b/g;
// A deadline or a scheduled date is checkable even in the future tense ("by 2029", "on 18 December").
export const DEADLINE_RE = new RegExp(
  String.raw`\b(?:by|before|until|on|from)\s+(?:the\s+end\s+of\s+(?:the\s+)?)?(?:(?:\d{1,2}\s+)?(?:${MONTH.toLowerCase()})(?:\s+(?:19|20)\d\d)?|(?:19|20)\d\d|(?:year|decade|parliament|month|summer|spring|autumn|winter)\b)`,
  "g",
);
export const NUMBER_WORD_COUNT_RE =
  /\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|dozen)\b/g;
export const ORDINAL_RE =
  /\b(?:the|a|its|their|our)\s+(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\s+(?:[a-z]+\s+)?(?:time|year|month|week|budget|attack|cut|rise|increase|fall|consecutive|successive|quarter|day|election|term)\b/g;
// Contractions ("we’ll") are found from their ending: a leading [a-z]+ would be tried at every word.
export const PREDICTION_RE =
  /\b(?:will|won’t|won't|shall|would|could|might|may|going\s+to|expects?|expected|forecasts?|predicts?|predicted|anticipates?|(?:is|are|was|were)\s+(?:expected|set|likely|forecast|projected|predicted|due)\s+to|if)\b|[’']ll\b/g;

export const CLAUSE_BREAK_RE = /[,;:]\s|\s[–—]\s|\s(?:but|while|whereas|although|though)\s/g;
