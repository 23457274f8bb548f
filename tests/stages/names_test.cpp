// tag.places, tag.organizations, tag.persons and link.authorities on short texts in several
// languages: inflections, clitics, persons in no list, cross-script linking, no false tags.
#include <tuple>

#include <gtest/gtest.h>

#include "stages/link/link.hpp"
#include "stages/normalize/normalize.hpp"
#include "stages/tag/tag.hpp"
#include "tests/test_support.hpp"

namespace testimony {
namespace {

const Registry& registry() {
  static const Registry r = [] {
    Registry reg;
    register_tag(reg);
    register_link(reg);
    return reg;
  }();
  return r;
}

std::vector<std::string> tag(const std::string& text, const std::string& lang = "eng") {
  Document d;
  d.text = text;
  d.metadata["languages"] = lang;
  Context ctx;
  for (const char* name : {"tag.dates", "tag.organizations", "tag.places", "tag.persons", "link.authorities"}) {
    test::make_stage<DocumentStage>(registry(), name)->process(d, ctx);
  }
  std::vector<std::string> out;
  for (const Entity& e : d.entities)
    out.push_back(std::string(to_string(e.type)) + " " + e.text + " => " + e.value + (e.authority.empty() ? "" : " @" + e.authority));
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// Some tag starts with `prefix` ("person Steiner Józsefné (Klára) => ", whatever its value).
bool has_prefix(const std::vector<std::string>& v, const std::string& prefix) {
  return std::any_of(v.begin(), v.end(), [&](const std::string& s) { return s.rfind(prefix, 0) == 0; });
}

TEST(Places, PolishCasesArabicAndHebrewClitics) {
  const auto pl = tag("Mieszkaliśmy w Warszawie, potem pojechaliśmy do Krakowa.", "pol");
  EXPECT_TRUE(has(pl, "place Warszawie => Warsaw @places:warsaw")) << testing::PrintToString(pl);
  EXPECT_TRUE(has(pl, "place Krakowa => Krakow @places:krakow")) << testing::PrintToString(pl);
  const auto ar = tag("وصلت العائلة بكراكوف ثم سافرت وفي المجر عاشت", "ara");
  EXPECT_TRUE(has(ar, "place كراكوف => Krakow @places:krakow")) << testing::PrintToString(ar);
  const auto he = tag("הם גרו בקרקוב", "heb");
  EXPECT_TRUE(has(he, "place קרקוב => Krakow @places:krakow")) << testing::PrintToString(he);
  const auto pt = tag("Fugiram para a Dinamarca e depois para Lisboa.", "por");
  EXPECT_TRUE(has(pt, "place Dinamarca => Denmark @places:denmark")) << testing::PrintToString(pt);
}

TEST(Places, AWordThatOpensOrganizationNamesIsNoPlaceAfterAPreposition) {
  const auto en = tag("He issued transit visas to Jewish refugees from Poland.");
  EXPECT_FALSE(has_prefix(en, "place Jewish")) << testing::PrintToString(en);
  EXPECT_TRUE(has(en, "place Poland => Poland @places:poland")) << testing::PrintToString(en);
  // An unknown word in capitals after it is an acronym; a known place in capitals is one.
  const auto fr = tag("M. Léon Meiss, président du CRIF, habitait à LYON.", "fra");
  EXPECT_FALSE(has_prefix(fr, "place CRIF")) << testing::PrintToString(fr);
  EXPECT_TRUE(has(fr, "place LYON => Lyon @places:lyon")) << testing::PrintToString(fr);
}

TEST(Places, AnUnknownNameAfterAVillageOrCampWordInHebrewOrArabic) {
  const auto he = tag("היא הסתתרה בכפר קוצ'מיר ליד טרנוב.", "heb");
  EXPECT_TRUE(has_prefix(he, "place קוצ'מיר => ")) << testing::PrintToString(he);
  // Not after the word with the article, nor a preposition after it.
  const auto ar = tag("وفي المدينة لجأ الناس إلى الكنيسة. وكان المعسكر قرب البحر.", "ara");
  EXPECT_FALSE(has_prefix(ar, "place")) << testing::PrintToString(ar);
}

TEST(Places, AStreetNameWithItsAdjective) {
  const auto nl = tag("Na de bevrijding keerde ik terug naar de Nieuwe Keizersgracht.", "nld");
  EXPECT_TRUE(has(nl, "place Nieuwe Keizersgracht => Nieuwe Keizersgracht")) << testing::PrintToString(nl);
}

TEST(Places, PolishCasesOfNamesInIa) {
  const auto pl = tag("Przewieziono nas do getta w Bochni, potem do Gdyni, a brat uciekł do Anglii.", "pol");
  EXPECT_TRUE(has(pl, "place Bochni => Bochnia @places:bochnia")) << testing::PrintToString(pl);
  EXPECT_TRUE(has(pl, "place Gdyni => Gdynia @places:gdynia")) << testing::PrintToString(pl);
  EXPECT_TRUE(has(pl, "place Anglii => England @places:england")) << testing::PrintToString(pl);
}

TEST(Places, CzechLocatives) {
  // "v Praze" (in Prague): the locative of -ha.
  const auto v = tag("Žila v Praze a pak v Ostravě.", "ces");
  EXPECT_TRUE(has(v, "place Praze => Prague @places:prague")) << testing::PrintToString(v);
  EXPECT_TRUE(has(v, "place Ostravě => Ostrava @places:ostrava")) << testing::PrintToString(v);
}

TEST(Places, MorePolishCasesAndBreaksInsideASentence) {
  const auto pl = tag("Pracował w Katowicach, potem w Kielcach.", "pol");
  EXPECT_TRUE(has(pl, "place Katowicach => Katowice @places:katowice")) << testing::PrintToString(pl);
  EXPECT_TRUE(has(pl, "place Kielcach => Kielce @places:kielce")) << testing::PrintToString(pl);
  // A paragraph break after a preposition does not start a sentence: the inflected name
  // after it is still looked up.
  const auto br = tag("Wywieziono ich z\n\nUmschlagplatzu do obozu.", "pol");
  EXPECT_TRUE(has(br, "place Umschlagplatzu => Umschlagplatz @places:umschlagplatz")) << testing::PrintToString(br);
}

TEST(Places, StreetsByTheirCueAndNoArticleAsAName) {
  const auto pt = tag("Moravam na Rua do Carmo, perto do rio.", "por");
  EXPECT_TRUE(has(pt, "place Rua do Carmo => Rua do Carmo")) << testing::PrintToString(pt);
  const auto en = tag("The ghetto was sealed.");
  for (const auto& e : en) EXPECT_NE(e.rfind("place The", 0), 0u) << e;
}

TEST(Places, StreetNamedAfterAPerson) {
  const auto v = tag("Comunidade Israelita de Lisboa, Rua Alexandre Herculano, 59 - Lisboa", "por");
  EXPECT_TRUE(has(v, "place Rua Alexandre Herculano => Rua Alexandre Herculano")) << testing::PrintToString(v);
  for (const auto& e : v) EXPECT_NE(e.rfind("person", 0), 0u) << e;
  // A word that opens place names takes the next: "em Bad Godesberg".
  const auto spa = tag("Foi internado pelos alemães em Bad Godesberg em 1943.", "por");
  EXPECT_TRUE(has(spa, "place Bad Godesberg => Bad Godesberg")) << testing::PrintToString(spa);
  // An abbreviated title matches as written: "a pé." is no "Pe." (Padre).
  const auto walk = tag("Em fevereiro voltei a Cracóvia a pé. Da nossa família encontrei só o meu irmão.", "por");
  EXPECT_FALSE(has_prefix(walk, "person Da")) << testing::PrintToString(walk);
}

TEST(Places, AKnownNameBeforeAStreetWordIsTheStreet) {
  const auto v = tag("Er arbeitete an der Janowska-Strasse in Lemberg.", "deu");
  // Unlinked: a street, not the camp.
  EXPECT_TRUE(has(v, "place Janowska-Strasse => Janowska-Strasse")) << testing::PrintToString(v);
  EXPECT_FALSE(has_prefix(v, "place Janowska =>")) << testing::PrintToString(v);
}

TEST(Persons, SlavicAdjectivesOfNationsAreNoSurnames) {
  const auto v = tag("Pomohol nám Slovenský národný odbor. Pracoval v Židovskej ústredni. Pán Kowalski prišiel.", "slk");
  EXPECT_FALSE(has_prefix(v, "person Slovenský")) << testing::PrintToString(v);
  EXPECT_FALSE(has_prefix(v, "place Židovskej")) << testing::PrintToString(v);
  EXPECT_TRUE(has(v, "person Kowalski => Kowalski")) << testing::PrintToString(v);
  const auto cz = tag("Deportovali je do Osvětimi, jiné do Osvienčimu.", "ces");
  EXPECT_TRUE(has(cz, "place Osvětimi => Auschwitz @places:auschwitz")) << testing::PrintToString(cz);
}

TEST(Places, NamedBuildingsWithTheirWord) {
  // A named hospital is a place (a building with a proper name), its word in the span.
  const auto ar = tag("وعمل في مستشفى روبرت كوخ حتى طرد منه. وخبأها في كوخ له.", "ara");
  EXPECT_TRUE(has_prefix(ar, "place مستشفى روبرت كوخ => ")) << testing::PrintToString(ar);
  EXPECT_FALSE(has_prefix(ar, "person")) << testing::PrintToString(ar);  // "كوخ" (a hut) is no surname then
  const auto en = tag("She was taken to the Hadassah Hospital, then to a hospital in Lodz.", "eng");
  EXPECT_TRUE(has(en, "place Hadassah Hospital => Hadassah Hospital")) << testing::PrintToString(en);
  const auto fr = tag("Il fut soigné à l'Hôpital Rothschild.", "fra");
  EXPECT_TRUE(has(fr, "place Hôpital Rothschild => Hôpital Rothschild")) << testing::PrintToString(fr);
  // A listed building in an inflected, hyphenated form keeps its authority.
  const auto de = tag("Sie kamen ins Versteck des Bispebjerg-Krankenhauses.", "deu");
  EXPECT_TRUE(has(de, "place Bispebjerg-Krankenhauses => Bispebjerg Hospital @places:bispebjerg-hospital"))
      << testing::PrintToString(de);
}

TEST(Places, ACountryIsNoOrganizationAndASentenceEndIsNoAbbreviation) {
  const auto v = tag("We were forced into the ghetto. My father went to the United States, later to the "
                     "United Nations.", "eng");
  EXPECT_TRUE(has(v, "place United States => United States @places:united-states")) << testing::PrintToString(v);
  EXPECT_FALSE(has_prefix(v, "organization United States")) << testing::PrintToString(v);
  EXPECT_FALSE(has_prefix(v, "place My")) << testing::PrintToString(v);
}

TEST(Places, OneLetterStreetWordsOnlyInTheirLanguage) {
  // "r." is the French rue, and the Polish year after a date.
  const auto pl = tag("Kraków, dnia 12.IV.1946 r. Zeznanie złożyła Anna Weiss.", "pol");
  EXPECT_FALSE(has_prefix(pl, "place Zeznanie")) << testing::PrintToString(pl);
  const auto fr = tag("Il habitait 4, r. Lamartine à Paris.", "fra");
  EXPECT_TRUE(has(fr, "place Lamartine => Lamartine")) << testing::PrintToString(fr);
  // In capitals it is an initial, unless a house number or a preposition comes before it.
  const auto signed_by = tag("Fait à Paris, signé R. Grinberg. Il habitait 12, R. de Rivoli.", "fra");
  EXPECT_TRUE(has(signed_by, "person R. Grinberg => R. Grinberg")) << testing::PrintToString(signed_by);
  EXPECT_TRUE(has_prefix(signed_by, "place R. de Rivoli => ")) << testing::PrintToString(signed_by);
  const auto pt = tag("Assinado: R. Mendes. Morava na R. do Ouro.", "por");
  EXPECT_TRUE(has(pt, "person R. Mendes => R. Mendes")) << testing::PrintToString(pt);
  EXPECT_TRUE(has_prefix(pt, "place R. do Ouro => ")) << testing::PrintToString(pt);
}

TEST(Places, StreetValuesAreTheirEnglishNames) {
  // A word for "street" becomes "Street" after the name in its base form, in ASCII; a street
  // named like a town is not the town.
  const auto pl = tag("Mieszkałam przy ul. Długiej, na ulicy Jasnej i przy ul. Leszno. Szła ulicą Długą.", "pol");
  EXPECT_TRUE(has(pl, "place Długiej => Dluga Street")) << testing::PrintToString(pl);
  EXPECT_TRUE(has(pl, "place Jasnej => Jasna Street")) << testing::PrintToString(pl);
  EXPECT_TRUE(has(pl, "place Leszno => Leszno Street")) << testing::PrintToString(pl);
  EXPECT_TRUE(has(pl, "place Długą => Dluga Street")) << testing::PrintToString(pl);
  EXPECT_FALSE(has_prefix(pl, "place Szła")) << testing::PrintToString(pl);
  const auto en = tag("He lived in Łagiewnicka Street, then in Dohány utca and Zygmuntowska-Strasse.", "eng");
  EXPECT_TRUE(has(en, "place Łagiewnicka Street => Lagiewnicka Street")) << testing::PrintToString(en);
  EXPECT_TRUE(has(en, "place Dohány utca => Dohany Street")) << testing::PrintToString(en);
  EXPECT_TRUE(has(en, "place Zygmuntowska-Strasse => Zygmuntowska Street")) << testing::PrintToString(en);
  // Other street words stay as written, in ASCII.
  const auto pt = tag("Morava na Rua Áurea.", "por");
  EXPECT_TRUE(has(pt, "place Rua Áurea => Rua Aurea")) << testing::PrintToString(pt);
}

TEST(Places, OneWordStreetNamesByTheirEnding) {
  const auto v = tag("Wir wohnten in der Taborstraße 14, dann in der Sperlgasse. Die Sackgasse war leer, "
                     "die Landstraße auch.", "deu");
  EXPECT_TRUE(has(v, "place Taborstraße => Taborstrasse")) << testing::PrintToString(v);
  EXPECT_TRUE(has(v, "place Sperlgasse => Sperlgasse")) << testing::PrintToString(v);
  // Common nouns with a street ending (dead end, highway) name no street.
  EXPECT_FALSE(has_prefix(v, "place Sackgasse")) << testing::PrintToString(v);
  EXPECT_FALSE(has_prefix(v, "place Landstraße")) << testing::PrintToString(v);
  // Also in a text of another language, and not for the street word alone.
  const auto nl = tag("They hid in a house on the Prinsengracht; the Straße was empty.", "eng");
  EXPECT_TRUE(has(nl, "place Prinsengracht => Prinsengracht")) << testing::PrintToString(nl);
  EXPECT_FALSE(has_prefix(nl, "place Straße")) << testing::PrintToString(nl);
}

TEST(Places, HistoricalNamesLinkToOneId) {
  const auto v = tag("From Lemberg to Lwów and Львов, then Lviv.");
  for (const char* n : {"Lemberg", "Lwów", "Львов", "Lviv"})
    EXPECT_TRUE(has(v, std::string("place ") + n + " => Lviv @places:lviv")) << n << testing::PrintToString(v);
}

// Canonical names follow the fixtures' conventions (Terezin for Theresienstadt); camps,
// buildings, districts and streets of the rescue and deportation story, in several scripts.
TEST(Places, CampsBuildingsAndDistricts) {
  const auto de = tag("Sie wurden nach Theresienstadt und Brünnlitz gebracht.", "deu");
  EXPECT_TRUE(has(de, "place Theresienstadt => Terezin @places:theresienstadt")) << testing::PrintToString(de);
  EXPECT_TRUE(has(de, "place Brünnlitz => Brnenec @places:brnenec")) << testing::PrintToString(de);
  const auto ar = tag("أسس مسجد باريس الكبير ونقلهم إلى برونليتس", "ara");
  EXPECT_TRUE(has(ar, "place مسجد باريس الكبير => Grand Mosque of Paris @places:grand-mosque-of-paris"))
      << testing::PrintToString(ar);
  EXPECT_FALSE(has(ar, "place باريس => Paris @places:paris")) << testing::PrintToString(ar);
  EXPECT_TRUE(has(ar, "place برونليتس => Brnenec @places:brnenec")) << testing::PrintToString(ar);
  const auto he = tag("אשרות לקוראסאו דרך יפן", "heb");
  EXPECT_TRUE(has(he, "place קוראסאו => Curaçao @places:curacao")) << testing::PrintToString(he);
  const auto pl = tag("Ukrywałam się najpierw u siostry, na Żoliborzu, potem na Mokotowie.", "pol");
  EXPECT_TRUE(has(pl, "place Żoliborzu => Zoliborz @places:zoliborz")) << testing::PrintToString(pl);
  EXPECT_TRUE(has(pl, "place Mokotowie => Mokotow @places:mokotow")) << testing::PrintToString(pl);
  const auto pt = tag("Atravessaram o Øresund de barco até à Suécia.", "por");
  EXPECT_TRUE(has(pt, "place Øresund => Oresund @places:oresund")) << testing::PrintToString(pt);
  // A district that is also a well-known surname is not listed: Czerniaków stays a person.
  const auto p2 = tag("Adam Czerniaków, przewodniczący Judenratu, zginął w 1942 roku.", "pol");
  for (const auto& s : p2) EXPECT_EQ(s.rfind("place", 0), std::string::npos) << s;
}

TEST(Places, NationalityAdjectivesAreNotPlaces) {
  const auto v = tag("The German and Polish authorities spoke Yiddish.");
  for (const auto& s : v) EXPECT_EQ(s.rfind("place", 0), std::string::npos) << s;
  // ... but a country whose name folds into a language name is a place (Hungarian
  // "portugál", Portuguese, folds to "portugal").
  EXPECT_TRUE(has(tag("They came into Portugal at last."), "place Portugal => Portugal @places:portugal"));
  // An English adjective that looks like a case form of the country ("Israeli", as Polish
  // "Gdyni" is of Gdynia).
  const auto il = tag("The medal was given at the Israeli embassy; the Israelis came too.");
  for (const auto& s : il) EXPECT_EQ(s.rfind("place", 0), std::string::npos) << s;
}

// Village and town names of two words whose second word is an adjective ("Huta Stara",
// "Mińsk Mazowiecki"), after a cue and in their Polish cases.
// A preposition that is also a name particle, after a capitalized word, is the particle:
// "Walraven van Hall" is a person, not a place "Hall".
TEST(Places, AParticleAfterANameIsNoPreposition) {
  const auto v = tag("Het verzet en Walraven van Hall. Daarna kwamen de joden van Zwolle.", "nld");
  EXPECT_TRUE(has(v, "person Walraven van Hall => Walraven van Hall")) << testing::PrintToString(v);
  EXPECT_FALSE(has_prefix(v, "place Hall")) << testing::PrintToString(v);
  EXPECT_TRUE(has_prefix(v, "place Zwolle")) << testing::PrintToString(v);
}

TEST(Places, TwoWordNamesClosedByAnAdjective) {
  const auto en = tag("They hid in the village of Huta Stara near Buczacz.");
  EXPECT_TRUE(has(en, "place Huta Stara => Huta Stara")) << testing::PrintToString(en);
  const auto pl = tag("Mieszkaliśmy w Mińsku Mazowieckim, potem w Tomaszowie Lubelskim.", "pol");
  EXPECT_TRUE(has(pl, "place Mińsku Mazowieckim => Minsk Mazowiecki @places:minsk-mazowiecki"))
      << testing::PrintToString(pl);
  EXPECT_TRUE(has(pl, "place Tomaszowie Lubelskim => Tomaszow Lubelski @places:tomaszow-lubelski"))
      << testing::PrintToString(pl);
}

// Peoples and groups are capitalized in many languages but name no place; a preposition
// cue is a word of its own languages only (Romanian "de la" is French "of the").
TEST(Places, GroupNounsAndPrepositionsOfOtherLanguagesMakeNoPlace) {
  for (const auto& [text, lang] : std::vector<std::pair<std::string, std::string>>{
           {"Le pasteur, président de la Fédération, sauva des centaines de Juifs.", "fra"},
           {"Pomagała w ukrywaniu Żydów i przekazywała pieniądze do Żydów w getcie.", "pol"},
           {"O cônsul deu vistos aos Judeus de Bordéus.", "por"},
           {"Sie versteckten die Juden aus dem Dorf.", "deu"}}) {
    const auto v = tag(text, lang);
    for (const auto& e : v) {
      EXPECT_EQ(e.find("Fédération"), std::string::npos) << e;
      EXPECT_EQ(e.find("Juifs"), std::string::npos) << e;
      EXPECT_EQ(e.find("Żydów"), std::string::npos) << e;
      EXPECT_EQ(e.find("Judeus"), std::string::npos) << e;
      EXPECT_EQ(e.find("Juden"), std::string::npos) << e;
    }
  }
  // The same cue in its own language still finds a place no list has.
  const auto ro = tag("Familia a fost adusă de la Obodovca.", "ron");
  EXPECT_TRUE(has_prefix(ro, "place Obodovca")) << testing::PrintToString(ro);
}

TEST(Persons, SurnameAfterAFamilyWord) {
  for (const auto& [text, lang, name] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"Ich kannte die Familie Landau aus Lemberg.", "deu", "person Landau"},
           {"Ukrywała się u rodziny Kowalskich na Pradze.", "pol", "person Kowalskich"},
           {"Ficaram em casa da família Abecassis durante o verão.", "por", "person Abecassis"}}) {
    const auto v = tag(text, lang);
    EXPECT_TRUE(has_prefix(v, name + " => ")) << text << " " << testing::PrintToString(v);
  }
  // Capitalized, a family word is part of a name; before a period it ends a sentence.
  for (const auto& [text, lang] : std::vector<std::pair<std::string, std::string>>{
           {"Zgromadzenie Sióstr Franciszkanek Rodziny Maryi prowadziło sierociniec.", "pol"},
           {"Escrevo-lhe em nome da família. O cônsul partiu ontem.", "por"}}) {
    for (const auto& e : tag(text, lang)) {
      EXPECT_NE(e.rfind("person Maryi", 0), 0u) << e;
      EXPECT_NE(e.rfind("person O ", 0), 0u) << e;
    }
  }
}

TEST(Persons, GivenNameThatIsAlsoAPlaceBeforeAParticleAndSurname) {
  const auto v = tag("22. Maurice de Rothschild, n. 1881, Paris; 22/6/1940", "por");
  EXPECT_TRUE(has_prefix(v, "person Maurice de Rothschild => ")) << testing::PrintToString(v);
  EXPECT_FALSE(has_prefix(v, "place Maurice")) << testing::PrintToString(v);
  // A folded match is no match where the cue has accents: Portuguese "ter" is no "tér".
  const auto pt = tag("Depois de o diplomata Georg Ferdinand Duckwitz ter revelado a data.", "por");
  EXPECT_FALSE(has_prefix(pt, "place")) << testing::PrintToString(pt);
}

TEST(Persons, AfterAReligiousTitle) {
  const auto v = tag("Gerettet durch den Metropoliten Andrej Scheptyzkyj und den Abt Klymentij Scheptyzkyj.", "deu");
  EXPECT_TRUE(has_prefix(v, "person Andrej Scheptyzkyj => ")) << testing::PrintToString(v);
  EXPECT_TRUE(has_prefix(v, "person Klymentij Scheptyzkyj => ")) << testing::PrintToString(v);
}

TEST(Persons, AfterATitleAndThePlaceWhereHeServed) {
  const auto v = tag("הקונסול ההולנדי בקובנה, יאן צוורטנדייק, נתן אשרות.", "heb");
  EXPECT_TRUE(has_prefix(v, "person יאן צוורטנדייק => ")) << testing::PrintToString(v);
  EXPECT_FALSE(has_prefix(v, "person בקובנה")) << testing::PrintToString(v);  // a place is no name
}

TEST(Persons, AfterATitleAndACountryWithoutACommaNoName) {
  // "and the ambassador of Holland in Riga, L. P. de Decker": "הולנד" starts with the letter of
  // the article but is a place, and "ברינה" (in Riga) is no name.
  const auto v = tag("ושגריר הולנד ברינה, ל. פ. דה דקר, אישר את הנוסח.", "heb");
  EXPECT_FALSE(has_prefix(v, "person ברינה")) << testing::PrintToString(v);
  EXPECT_FALSE(has_prefix(v, "person הולנד")) << testing::PrintToString(v);
}

TEST(Persons, KinWordsIntroduceTheRelativesName) {
  const auto en = tag("After the war my brother Icek and his wife Hinda came back.");
  EXPECT_TRUE(has_prefix(en, "person Icek => ")) << testing::PrintToString(en);
  EXPECT_TRUE(has_prefix(en, "person Hinda => ")) << testing::PrintToString(en);
  const auto de = tag("Mein Bruder Josef blieb in Wien.", "deu");
  EXPECT_TRUE(has_prefix(de, "person Josef => ")) << testing::PrintToString(de);
  // Arabic and Hebrew with their possessive suffixes, also behind "and".
  const auto ar = tag("تسألين عن أخبار خالنا إرنو فايس وزوجته ماريا الذين انتقلوا.", "ara");
  EXPECT_TRUE(has_prefix(ar, "person إرنو فايس => ")) << testing::PrintToString(ar);
  EXPECT_TRUE(has_prefix(ar, "person ماريا => ")) << testing::PrintToString(ar);
  const auto yi = tag("מײַן ברודער משה איז געבליבן אין לובלין.", "yid");  // Yiddish: "is" ends the name
  EXPECT_TRUE(has_prefix(yi, "person משה => ")) << testing::PrintToString(yi);
  const auto he = tag("לצדו עמדה אשתו יוקיקו.", "heb");
  EXPECT_TRUE(has_prefix(he, "person יוקיקו => ")) << testing::PrintToString(he);
  // Occupations do the same.
  const auto ro = tag("استدعى الضابط فالتر راوف رئيس الطائفة.", "ara");
  EXPECT_TRUE(has_prefix(ro, "person فالتر راوف => ")) << testing::PrintToString(ro);
  const auto st = tag("את הרעיון הציע הסטודנט נתן גוטוירט, והקונסול הסכים.", "heb");
  EXPECT_TRUE(has_prefix(st, "person נתן גוטוירט => ")) << testing::PrintToString(st);
  // A kin word ending a sentence introduces nobody; in lower case only ("son" is no "Son").
  const auto pl = tag("Wyprowadził mnie łącznik Jerzy Kowalski, mój późniejszy mąż. Ukrywałam się u niego.", "pol");
  EXPECT_FALSE(has_prefix(pl, "person Ukrywałam")) << testing::PrintToString(pl);
  const auto fr = tag("Son Excellence Monsieur le Ministre a répondu.", "fra");
  EXPECT_FALSE(has_prefix(fr, "person Excellence")) << testing::PrintToString(fr);
  // A preposition before the word makes it another word: "לבעלי" is "to the owners of".
  const auto ho = tag("נתן לבעלי הרישום אשרות מעבר.", "heb");
  EXPECT_FALSE(has_prefix(ho, "person אשרות")) << testing::PrintToString(ho);
}

TEST(Persons, TitlesThatFollowANameIntroduceNone) {
  // ז"ל (of blessed memory) follows a name; the article makes another name (הלוי is no לוי);
  // an unlisted Hebrew name's value has no stray alef mark.
  const auto v = tag("הרב יוסף בן משה הלוי ז\"ל נפטר. מר אלתר אפשטיין הגיע. גברת שרה לוי כתבה.", "heb");
  EXPECT_FALSE(has_prefix(v, "person נפטר")) << testing::PrintToString(v);
  EXPECT_FALSE(has_prefix(v, "person לוי =>")) << testing::PrintToString(v);
  EXPECT_TRUE(has(v, "person אלתר אפשטיין => Ltr Pstyyn")) << testing::PrintToString(v);
}

TEST(Persons, SurnameAloneBehindAClitic) {
  const auto v = tag("הקונסול היפני צ'יונה סוגיהרה נתן אשרות. יד ושם הכיר בסוגיהרה כחסיד אומות העולם.", "heb");
  EXPECT_TRUE(has_prefix(v, "person סוגיהרה => ")) << testing::PrintToString(v);  // without the ב
  EXPECT_FALSE(has_prefix(v, "person בסוגיהרה")) << testing::PrintToString(v);
}

TEST(Persons, ArabicAndHebrewNamesEndAtAVerbOrAnotherGivenName) {
  // "my parents, Moshe and Rivka Goldberg": two persons, the "and" left out of the second.
  const auto he = tag("גורשו הוריי, משה ורבקה גולדברג, לטרבלינקה. אחי יצחק ברח ליערות.", "heb");
  EXPECT_TRUE(has_prefix(he, "person רבקה גולדברג => ")) << testing::PrintToString(he);
  EXPECT_FALSE(has_prefix(he, "person משה ורבקה")) << testing::PrintToString(he);
  // "my brother Yitzhak fled": the verb is no family name.
  EXPECT_TRUE(has_prefix(he, "person יצחק => ")) << testing::PrintToString(he);
  const auto ar = tag("عاش سليم وسارة كوهين في تونس. وصل يوسف حداد إلى مرسيليا.", "ara");
  EXPECT_TRUE(has_prefix(ar, "person سارة كوهين => ")) << testing::PrintToString(ar);
  EXPECT_TRUE(has_prefix(ar, "person يوسف حداد => ")) << testing::PrintToString(ar);
  EXPECT_FALSE(has_prefix(ar, "person سليم وسارة")) << testing::PrintToString(ar);
  // "son of" and a name end it ("with the bread" follows); "بن علي" is Ali, not "على" (on);
  // a family name with the article goes on a name, a nationality does not.
  const auto nasab = tag("جاءنا جارنا علي بن سالم بالخبز. السيدة فاطمة بن علي وصلت. والدي إبراهيم الصفار "
                         "والطبيب الإيطالي جوزيبي مورو.", "ara");
  EXPECT_TRUE(has_prefix(nasab, "person علي بن سالم => ")) << testing::PrintToString(nasab);
  EXPECT_TRUE(has_prefix(nasab, "person فاطمة بن علي => ")) << testing::PrintToString(nasab);
  EXPECT_TRUE(has_prefix(nasab, "person إبراهيم الصفار => ")) << testing::PrintToString(nasab);
  EXPECT_TRUE(has_prefix(nasab, "person جوزيبي مورو => ")) << testing::PrintToString(nasab);
}

// A kin word glued to "and" ends a Hebrew name and opens the next; a family name may start
// with the article's letter (Horowitz); "שה" + a verb opens a clause; "whose name is" and the
// Arabic "so-called" are cues.
TEST(Persons, HebrewKinWordsFamilyNamesWithHeAndClauses) {
  const auto he = tag("אחי משה ואשתו רחל נספו. ד\"ר שמואל הורוביץ הבטיח. אישה ששמה מרים קובלסקי שהסתירה אותנו.",
                      "heb");
  EXPECT_TRUE(has_prefix(he, "person משה => ")) << testing::PrintToString(he);
  EXPECT_TRUE(has_prefix(he, "person רחל => ")) << testing::PrintToString(he);
  EXPECT_TRUE(has_prefix(he, "person שמואל הורוביץ => ")) << testing::PrintToString(he);
  EXPECT_TRUE(has_prefix(he, "person מרים קובלסקי => ")) << testing::PrintToString(he);
  const auto ar = tag("وصل المدعو سالم الحداد إلى تونس.", "ara");
  EXPECT_TRUE(has_prefix(ar, "person سالم الحداد => ")) << testing::PrintToString(ar);
}

TEST(Persons, PolishNamesAreValuedInTheNominative) {
  const auto v = tag("Pani Marii Kowalskiej i pani Sarę Grünbaum. Spotkałam Stanisława Dobrowolskiego. "
                     "Rozmawiałam z Janem Nowakiem. Pani Stanisława Nowak przyszła.", "pol");
  EXPECT_TRUE(has(v, "person Marii Kowalskiej => Maria Kowalska")) << testing::PrintToString(v);
  EXPECT_TRUE(has(v, "person Sarę Grünbaum => Sara Grünbaum")) << testing::PrintToString(v);
  EXPECT_TRUE(has(v, "person Stanisława Dobrowolskiego => Stanisław Dobrowolski")) << testing::PrintToString(v);
  EXPECT_TRUE(has(v, "person Janem Nowakiem => Jan Nowak")) << testing::PrintToString(v);
  // Kin words in other cases introduce the name; Czech and Slovak cases too.
  const auto kin = tag("Uciekłam z siostrą Ewą i bratem Józefem do wsi. Moja matka zginęła.", "pol");
  EXPECT_TRUE(has(kin, "person Ewą => Ewa")) << testing::PrintToString(kin);
  EXPECT_TRUE(has(kin, "person Józefem => Józef")) << testing::PrintToString(kin);
  EXPECT_FALSE(has_prefix(kin, "place Moja")) << testing::PrintToString(kin);  // "wsi." ends a sentence
  const auto sk = tag("Spolu so sestrou Evou sme utiekli. Stretol som pani Goldbergovou.", "slk");
  EXPECT_TRUE(has(sk, "person Evou => Eva")) << testing::PrintToString(sk);
  EXPECT_TRUE(has(sk, "person Goldbergovou => Goldbergová")) << testing::PrintToString(sk);
  // A name that is its own nominative stays: Stanisława is a woman's name.
  EXPECT_TRUE(has(v, "person Stanisława Nowak => Stanisława Nowak")) << testing::PrintToString(v);
}

TEST(Persons, ListEntriesRunTogetherKeepTheirComma) {
  // A list whose lines were joined: a number, the family name, a comma, the given name.
  const auto v = tag("1. Bauer, Hans, geb. 12.3.1930, Wien 2. Kohn, Lieselotte, geb. 4.5.1932, Prag", "deu");
  EXPECT_TRUE(has(v, "person Kohn, Lieselotte => Lieselotte Kohn")) << testing::PrintToString(v);
  // Without the comma a number mid-line opens no entry.
  const auto ch = tag("Er las Kapitel 2. Hans Weber kam später.", "deu");
  EXPECT_FALSE(has_prefix(ch, "person Hans Weber => Weber")) << testing::PrintToString(ch);
}

TEST(Persons, FamilyNameFirstInListsIsOneMention) {
  const auto v = tag("Transport list\n\n1. GRÜNBERG, Salomon, b. 12.3.1901, Wien\n\n2. Rosenfeld, Icek, b. 1920\n\n"
                     "SOUSA MENDES, Aristides de (1885-1954)");
  EXPECT_TRUE(has(v, "person GRÜNBERG, Salomon => Salomon Grünberg")) << testing::PrintToString(v);
  EXPECT_TRUE(has(v, "person Rosenfeld, Icek => Icek Rosenfeld")) << testing::PrintToString(v);
  EXPECT_TRUE(has_prefix(v, "person SOUSA MENDES, Aristides de => Aristides de Sousa Mendes")) << testing::PrintToString(v);
  // A numbered entry may leave the comma out; a title is no family name.
  const auto pl = tag("Lista\n\n3. Kowalski Jan, ur. 1900, Wilno\n\n4. Dr Hans Weiss, ur. 1890", "pol");
  EXPECT_TRUE(has_prefix(pl, "person Kowalski Jan => ")) << testing::PrintToString(pl);
  const auto hu = tag("Névsor\n\n5. Weisz Hinda, szül. 1925, Kassa", "hun");
  EXPECT_TRUE(has(hu, "person Weisz Hinda => Hinda Weisz")) << testing::PrintToString(hu);
  EXPECT_FALSE(has_prefix(pl, "person Dr")) << testing::PrintToString(pl);
  // ... and may go on with a lower-case word; a hyphenated family name is one word.
  const auto pl2 = tag("Lista\n1. Bergman Sara z d. Kac, ur. 1920\n2. Epsztejn-Lewin Rachela, ur. 1925", "pol");
  EXPECT_TRUE(has(pl2, "person Bergman Sara => Sara Bergman")) << testing::PrintToString(pl2);
  EXPECT_TRUE(has(pl2, "person Epsztejn-Lewin Rachela => Rachela Epsztejn-Lewin")) << testing::PrintToString(pl2);
  // Listed in the order written by another rule first, it is still valued given name first.
  const auto pl3 = tag("Lista\n1. Abramowicz Chaim, s. Mendla, ur. 1912", "pol");
  EXPECT_TRUE(has(pl3, "person Abramowicz Chaim => Chaim Abramowicz")) << testing::PrintToString(pl3);
  // Not a salutation, not an enumeration in running text, not a place before a comma.
  const auto n = tag("Lieber Freund, Hans!\n\nIn Warsaw, Anna met Jan Nowak, Icek and Hinda.", "deu");
  EXPECT_FALSE(has_prefix(n, "person Lieber")) << testing::PrintToString(n);
  EXPECT_FALSE(has_prefix(n, "person Jan Nowak, Icek")) << testing::PrintToString(n);
  EXPECT_FALSE(has_prefix(n, "person In Warsaw")) << testing::PrintToString(n);
}

TEST(Persons, ANumberedListReadFamilyNameFirstReadsItsUnclearEntriesSoToo) {
  const auto pl = tag("Wykaz osób.\n1. Abramowicz Chaim, s. Mojżesza, ur. 1912\n2. Bak Samuel, ur. 1933\n"
                      "4. Gordon Izaak, s. Lejba, ur. 1898\n7. Rudaszewski Icchok, ur. 1927",
                      "pol");
  EXPECT_TRUE(has(pl, "person Gordon Izaak => Izaak Gordon")) << testing::PrintToString(pl);
  EXPECT_TRUE(has(pl, "person Rudaszewski Icchok => Icchok Rudaszewski")) << testing::PrintToString(pl);
  // Alone, such an entry is read as written.
  const auto one = tag("Wykaz.\n4. Gordon Izaak, s. Lejba, ur. 1898", "pol");
  EXPECT_FALSE(has(one, "person Gordon Izaak => Izaak Gordon")) << testing::PrintToString(one);
}

TEST(Persons, APlaceRightAfterAGivenNameIsTheFamilyName) {
  const auto pt = tag("Agradecemos ao Sr. Wilfrid Israel. Maria foi para Lisboa.", "por");
  EXPECT_TRUE(has_prefix(pt, "person Wilfrid Israel => ")) << testing::PrintToString(pt);
  EXPECT_TRUE(has(pt, "place Lisboa => Lisbon @places:lisbon")) << testing::PrintToString(pt);
}

TEST(Persons, AGivenNameBeforeAndAndAFullNameSharesItsFamilyName) {
  const auto fr = tag("La police a arrêté mes parents, Abraham et Chana Lichtenstein.", "fra");
  EXPECT_TRUE(has(fr, "person Abraham => Abraham Lichtenstein")) << testing::PrintToString(fr);
  const auto en = tag("Józef and Maria Kowalski of Lublin sheltered them.");
  EXPECT_TRUE(has(en, "person Józef => Józef Kowalski")) << testing::PrintToString(en);
}

TEST(Persons, AFamilyIsItsNameNotOneOfItsMembers) {
  const auto pt = tag("O Sr. Samuel Finkelstein chegou com a esposa. Os Finkelstein partiram em 1941.", "por");
  EXPECT_TRUE(has(pt, "person Finkelstein => Finkelstein")) << testing::PrintToString(pt);
  const auto en = tag("Maria Kowalski was a nurse. The Kowalski family sheltered them.");
  EXPECT_TRUE(has(en, "person Kowalski => Kowalski")) << testing::PrintToString(en);
}

TEST(Persons, HeadingsInCapitalsFamilyNameFirst) {
  const auto en = tag("SUGIHARA, CHIUNE (1900-1986), Japanese consul in Kaunas.\n\n"
                      "VAN PELT, JOHANNA (1898-1988), Dutch nurse in Amsterdam.");
  EXPECT_TRUE(has_prefix(en, "person SUGIHARA, CHIUNE => Chiune Sugihara")) << testing::PrintToString(en);
  EXPECT_TRUE(has(en, "person VAN PELT, JOHANNA => Johanna van Pelt")) << testing::PrintToString(en);
  // Not without the dates in brackets that make it a heading.
  const auto no = tag("WARNING, DANGER ZONE");
  EXPECT_FALSE(has_prefix(no, "person")) << testing::PrintToString(no);
}

TEST(Persons, HungarianFamilyNameFirst) {
  const auto v = tag("A nyilasok elvitték Kovács János szabót és Weisz Annát. Tegnap János jött.", "hun");
  EXPECT_TRUE(has_prefix(v, "person Kovács János => ")) << testing::PrintToString(v);
  EXPECT_TRUE(has_prefix(v, "person Weisz Annát => ")) << testing::PrintToString(v);  // accusative
  EXPECT_FALSE(has_prefix(v, "person Tegnap")) << testing::PrintToString(v);          // "Yesterday"
  // The Hungarian article "a" is no preposition before a place.
  const auto article = tag("A svéd követség és a Nemzetközi Vöröskereszt védett házakat tartott fenn.", "hun");
  EXPECT_FALSE(has_prefix(article, "place Nemzetközi")) << testing::PrintToString(article);
  // After a comma too: "my father, Sándor Klein (accusative)", "my aunt, Margit Weisz".
  const auto comma = tag("Apámat, Klein Sándort elvitték. A nagynéném, Weisz Margit Svájcba jutott.", "hun");
  EXPECT_TRUE(has_prefix(comma, "person Klein Sándort => ")) << testing::PrintToString(comma);
  EXPECT_TRUE(has_prefix(comma, "person Weisz Margit => ")) << testing::PrintToString(comma);
  // Only in Hungarian documents: elsewhere the given name comes first.
  const auto de = tag("Gestern kam Vater Josef Weiss.", "deu");
  EXPECT_FALSE(has_prefix(de, "person Vater Josef")) << testing::PrintToString(de);
}

// Hungarian names are valued given name first and in the nominative; a married name as
// "Mrs." and the husband's name, or by her own name in brackets.
TEST(Persons, HungarianNamesAreValuedInTheUsualOrder) {
  const auto v = tag("Elvitték Kovács János szabót és Weisz Annát. Levelet írtam Grünfeld Katalinnak. "
                     "Steiner Józsefné jött.\nNévsor\n07. Klein Sándorné (Rózsa), sz. 1902",
                     "hun");
  EXPECT_TRUE(has(v, "person Kovács János => János Kovács")) << testing::PrintToString(v);
  EXPECT_TRUE(has(v, "person Weisz Annát => Anna Weisz")) << testing::PrintToString(v);
  EXPECT_TRUE(has(v, "person Grünfeld Katalinnak => Katalin Grünfeld")) << testing::PrintToString(v);
  EXPECT_TRUE(has(v, "person Steiner Józsefné => Mrs. József Steiner")) << testing::PrintToString(v);
  EXPECT_TRUE(has(v, "person Klein Sándorné (Rózsa) => Rózsa Klein")) << testing::PrintToString(v);
  EXPECT_TRUE(has(tag("We met Mrs. KERTÉSZ LAJOSNÉ."), "person KERTÉSZ LAJOSNÉ => Mrs. Lajos Kertész"));
}

TEST(Persons, AGivenNameIsATitleOnlyInItsOwnLanguages) {
  // "regina" is Romanian for queen.
  const auto de = tag("Meine Mutter Frau Regina Lederer, geb. Pollak, starb in Theresienstadt.", "deu");
  EXPECT_TRUE(has(de, "person Regina Lederer => Regina Lederer")) << testing::PrintToString(de);
  EXPECT_TRUE(has(de, "person Pollak => Regina Lederer")) << testing::PrintToString(de);
}

TEST(Persons, APeriodAfterALongTitleEndsTheSentence) {
  const auto en = tag("The army drafted my brother. The Soviet authorities deported my uncle. Prof. Weiss came.");
  EXPECT_FALSE(has_prefix(en, "person The Soviet")) << testing::PrintToString(en);
  EXPECT_TRUE(has(en, "person Weiss => Weiss")) << testing::PrintToString(en);
  // "DP" (displaced persons) before "camp" is no camp's name.
  const auto dp = tag("After the war we lived in a DP camp near Munich.");
  EXPECT_FALSE(has_prefix(dp, "place DP")) << testing::PrintToString(dp);
}

TEST(Persons, ArabicLetterRolesAndSignature) {
  const auto ar = tag("إلى حضرة السيد رئيس الطائفة الإسرائيلية بالدار البيضاء. أخي إسحاق بن حمو.\n\n"
                      "وتقبلوا فائق الاحترام\nمسعود أزولاي",
                      "ara");
  // "Mr. President of the community" names nobody; the community and its town are one body.
  EXPECT_FALSE(has_prefix(ar, "person رئيس")) << testing::PrintToString(ar);
  EXPECT_TRUE(has_prefix(ar, "organization الطائفة الإسرائيلية بالدار البيضاء => ")) << testing::PrintToString(ar);
  EXPECT_TRUE(has(ar, "person إسحاق بن حمو => Isaac Ben Hmw")) << testing::PrintToString(ar);
  EXPECT_TRUE(has(ar, "person مسعود أزولاي => Messaoud Azoulay")) << testing::PrintToString(ar);
}

TEST(Persons, HungarianOrderAfterATitle) {
  const auto hu = tag("A nagybátyám, dr. Weisz Ernő Svájcba jutott.", "hun");
  EXPECT_TRUE(has(hu, "person Weisz Ernő => Ernő Weisz")) << testing::PrintToString(hu);
}

TEST(Persons, HebrewTitleWithAPossessive) {
  const auto he = tag("תלמידי הישיבה ורבם\nחיים שמואלביץ הועברו לשנחאי", "heb");
  EXPECT_TRUE(has_prefix(he, "person חיים שמואלביץ => ")) << testing::PrintToString(he);
}

TEST(Persons, HungarianMarriedNameKeepsTheFamilyNameBeforeIt) {
  const auto v = tag("07. Steiner Józsefné (Klára), n. 1902, Pressburg; 19 jun. 1940", "por");
  EXPECT_TRUE(has_prefix(v, "person Steiner Józsefné (Klára) => ")) << testing::PrintToString(v);
  // Without its accent the ending is no "-né": German "Meine", "Seine" start no name.
  const auto de = tag("Meine Mutter Frieda kam 1942 zurück. Keine Nachricht von Seine.", "deu");
  EXPECT_TRUE(has(de, "person Frieda => Frieda")) << testing::PrintToString(de);
  EXPECT_FALSE(has_prefix(de, "person Meine")) << testing::PrintToString(de);
  EXPECT_FALSE(has_prefix(de, "person Keine")) << testing::PrintToString(de);
  // With a case ending after the "-né": accusative, dative.
  const auto hu = tag("Anyámat, Weisz Józsefnét, deportálták. A levelet Grünnének adtam.", "hun");
  EXPECT_TRUE(has_prefix(hu, "person Weisz Józsefnét => ")) << testing::PrintToString(hu);
  EXPECT_TRUE(has_prefix(hu, "person Grünnének => ")) << testing::PrintToString(hu);
}

// German nobility keeps "von der" in the name; a German noun after it is where the person
// came from ("von der Arbeitsgruppe", of the Working Group).
TEST(Persons, ParticleBeforeACommonNounEndsTheName) {
  const auto v = tag("Herr Oskar Neumann von der Arbeitsgruppe kam mit Frau Ursula von der Leyen.", "deu");
  EXPECT_TRUE(has(v, "person Oskar Neumann => Oskar Neumann")) << testing::PrintToString(v);
  EXPECT_TRUE(has(v, "person Ursula von der Leyen => Ursula von der Leyen")) << testing::PrintToString(v);
}

// A one-letter title ("M." Monsieur) counts in its own languages; elsewhere it is an initial.
TEST(Persons, OneLetterTitlesOnlyInTheirLanguages) {
  EXPECT_TRUE(has(tag("Sekretarz: M. Szabad.", "pol"), "person M. Szabad => M. Szabad"));
  EXPECT_TRUE(has(tag("Le directeur, M. Dupont, est venu.", "fra"), "person Dupont => Dupont"));
}

// Czech and Slovak: titles and kin words declined with the name cue it, and the name is valued
// in the nominative; feminine -ová names in their cases; a capitalized word no list knows
// before a family name inside a sentence is the given name (not in German).
TEST(Persons, CzechAndSlovakCases) {
  const auto sk = tag("Hovoril som s rabínom Kleinom. Deportovali matku Reginu Weissovú. "
                      "Pracovná skupina s Gisi Fleischmannovou rokovala.",
                      "slk");
  EXPECT_TRUE(has(sk, "person Kleinom => Klein")) << testing::PrintToString(sk);
  EXPECT_TRUE(has(sk, "person Reginu Weissovú => Regina Weissová")) << testing::PrintToString(sk);
  EXPECT_TRUE(has(sk, "person Gisi Fleischmannovou => Gisi Fleischmannová")) << testing::PrintToString(sk);
  const auto cs = tag("Mluvil jsem s bratrem Mořicem. Paní Novákové jsem dal dopis.", "ces");
  EXPECT_TRUE(has(cs, "person Mořicem => Mořic")) << testing::PrintToString(cs);
  EXPECT_TRUE(has(cs, "person Novákové => Nováková")) << testing::PrintToString(cs);
  const auto en = tag("Among them were Chaskiel Rotsztajn, Chemja Zylberberg and the Warsaw Grünbaum family.");
  EXPECT_TRUE(has(en, "person Chemja Zylberberg => Chemja Zylberberg")) << testing::PrintToString(en);
  const auto de = tag("Er sprach mit dem Lehrer Grünbaum.", "deu");
  EXPECT_FALSE(has_prefix(de, "person Lehrer")) << testing::PrintToString(de);
}

// In a Yiddish document unlinked names in Hebrew letters are valued in the YIVO romanization,
// names of Hebrew origin by their Yiddish form; a period after a Hebrew-script title ends the
// sentence.
TEST(Persons, YiddishNamesInTheYivoRomanization) {
  const auto v = tag("מײַן טאַטע משה גאָלדבערג איז געווען דער רבֿ. פֿרידע ווײַסבערג און שׂרה פּערלמוטער.", "yid");
  EXPECT_TRUE(has(v, "person משה גאָלדבערג => Moyshe Goldberg")) << testing::PrintToString(v);
  EXPECT_TRUE(has(v, "person פֿרידע ווײַסבערג => Fride Vaysberg")) << testing::PrintToString(v);
  EXPECT_TRUE(has(v, "person שׂרה פּערלמוטער => Sore Perlmuter")) << testing::PrintToString(v);
  // In Hebrew, a common name by its usual spelling, another by its consonants.
  EXPECT_TRUE(has(tag("אחי משה נספה.", "heb"), "person משה => Moshe"));
  EXPECT_TRUE(has(tag("אחי משה זלצמן נספה.", "heb"), "person משה זלצמן => Moshe Zlzmn"));
  // In Arabic letters too.
  const auto ar = tag("وصلت سارة كوهين و يوسف حداد إلى تونس.", "ara");
  EXPECT_TRUE(has(ar, "person سارة كوهين => Sara Cohen")) << testing::PrintToString(ar);
}

TEST(Persons, ABirthNameAfterHerNameIsValuedAsHer) {
  const auto en = tag("Testimony of Esther Goldstein (née Weiss). My father, Herman Weiss, was a merchant.");
  EXPECT_TRUE(has(en, "person Weiss => Esther Goldstein")) << testing::PrintToString(en);
  EXPECT_TRUE(has(en, "person Herman Weiss => Herman Weiss")) << testing::PrintToString(en);
  const auto pl = tag("Nazywam się Anna Kowalska, z domu Grünbaum. Mój ojciec Herszel Grünbaum był krawcem.", "pol");
  EXPECT_TRUE(has(pl, "person Grünbaum => Anna Kowalska")) << testing::PrintToString(pl);
  const auto hu = tag("Kovács Jánosné szül. Weisz Klára Budapesten élt.", "hun");
  EXPECT_TRUE(has_prefix(hu, "person Weisz Klára => ")) << testing::PrintToString(hu);
  // A Hungarian married name: the birth name gives her own given name.
  const auto hu2 = tag("Alulírott Grünfeld Sándorné, született Klein Ilona, Miskolcon éltem.", "hun");
  EXPECT_TRUE(has(hu2, "person Klein Ilona => Ilona Grünfeld")) << testing::PrintToString(hu2);
  // Not right after a person: the birth name is her own.
  const auto de = tag("Die Mutter, geb. Ehrlich, kam aus Lemberg.", "deu");
  EXPECT_TRUE(has(de, "person Ehrlich => Ehrlich")) << testing::PrintToString(de);
}

TEST(Persons, AWordThatIntroducesANameByWhichSomeoneWasKnown) {
  const auto en = tag("A gendarme named Szabó beat my grandfather.");
  EXPECT_TRUE(has(en, "person Szabó => Szabó")) << testing::PrintToString(en);
  const auto pl = tag("Pracowałam u Niemca nazwiskiem Schmidt.", "pol");
  EXPECT_TRUE(has(pl, "person Schmidt => Schmidt")) << testing::PrintToString(pl);
  const auto fr = tag("Un policier nommé Durand nous a prévenus.", "fra");
  EXPECT_TRUE(has(fr, "person Durand => Durand")) << testing::PrintToString(fr);
  const auto ar = tag("وتروي الناجية لورا فارحي أن العائلات جمعت.", "ara");
  EXPECT_TRUE(has_prefix(ar, "person لورا فارحي => ")) << testing::PrintToString(ar);
  const auto en2 = tag("The survivor Laura Varon said so.");
  EXPECT_TRUE(has(en2, "person Laura Varon => Laura Varon")) << testing::PrintToString(en2);
  const auto de = tag("Ein Mann namens Kurt Weber kam. Er sprach namens der Gemeinde.", "deu");
  EXPECT_TRUE(has(de, "person Kurt Weber => Kurt Weber")) << testing::PrintToString(de);
  EXPECT_EQ(de.size(), 1u) << testing::PrintToString(de);
}

TEST(Persons, AGivenNameWithTheEThatComesAndGoes) {
  const auto pl = tag("Spotkałem Jacka Kowalskiego i Adama Nowaka. Przyszedł Karel Novák s Karlem Novákem.", "pol");
  EXPECT_TRUE(has(pl, "person Jacka Kowalskiego => Jacek Kowalski")) << testing::PrintToString(pl);
  EXPECT_TRUE(has(pl, "person Adama Nowaka => Adam Nowak")) << testing::PrintToString(pl);
  EXPECT_TRUE(has(pl, "person Karlem Novákem => Karel Novák")) << testing::PrintToString(pl);
  const auto cs = tag("Pracovala jsem s bratrem Pavlem.", "ces");
  EXPECT_TRUE(has(cs, "person Pavlem => Pavel")) << testing::PrintToString(cs);
}

TEST(Persons, ADeclinedGivenNameTellsTheFamilyNamesCase) {
  const auto sk = tag("Ústredňa pod vedením Arnolda Weissa musela pripraviť zoznamy. Hovorila som s Arnoldom Weissom.", "slk");
  EXPECT_TRUE(has(sk, "person Arnolda Weissa => Arnold Weiss")) << testing::PrintToString(sk);
  EXPECT_TRUE(has(sk, "person Arnoldom Weissom => Arnold Weiss")) << testing::PrintToString(sk);
  // A Slovak woman's name in the genitive, not a Danish street in -vej.
  const auto w = tag("Výpoveď pani Margity Steinerovej, Bratislava.", "slk");
  EXPECT_TRUE(has(w, "person Margity Steinerovej => Margita Steinerová")) << testing::PrintToString(w);
}

TEST(Persons, NamesInNoList) {
  const auto v = tag("Dear Dr. Weiss, Gisela Weissberg met Regina (Rivka) Kahn and the Kowalski family.");
  EXPECT_TRUE(has(v, "person Weiss => Weiss")) << testing::PrintToString(v);
  EXPECT_TRUE(has(v, "person Gisela Weissberg => Gisela Weissberg")) << testing::PrintToString(v);
  EXPECT_TRUE(has(v, "person Regina (Rivka) Kahn => Regina Kahn")) << testing::PrintToString(v);
  EXPECT_TRUE(has(v, "person Kowalski => Kowalski")) << testing::PrintToString(v);
}

TEST(Persons, KnownPersonAcrossScriptsAndPartialMentions) {
  const auto v = tag("O cônsul Aristides de Sousa Mendes assinou. Mais tarde, Sousa Mendes foi punido.", "por");
  EXPECT_TRUE(has(v, "person Aristides de Sousa Mendes => Aristides de Sousa Mendes @persons:aristides-de-sousa-mendes"))
      << testing::PrintToString(v);
  const auto ar = tag("وصل راؤول والنبرغ إلى بودابست", "ara");
  EXPECT_TRUE(has(ar, "person راؤول والنبرغ => Raoul Wallenberg @persons:raoul-wallenberg")) << testing::PrintToString(ar);
  const auto p = tag("Ruth Landau wrote. Later Mrs. Landau left.");
  EXPECT_TRUE(has(p, "person Landau => Ruth Landau")) << testing::PrintToString(p);
}

TEST(Persons, InitialsSurnamesAloneAndBoundaries) {
  // Initials then a surname, also with a particle.
  const auto v = tag("The report was signed by R. K. Brandel and by P. van Loon in the spring.");
  EXPECT_TRUE(has(v, "person R. K. Brandel => R. K. Brandel")) << testing::PrintToString(v);
  EXPECT_TRUE(has(v, "person P. van Loon => P. van Loon")) << testing::PrintToString(v);
  // A surname alone takes its person from the full mention, before or after it.
  const auto s = tag("Later Hollander's papers were found. Gisela Hollander had hidden them; Hollander survived.");
  EXPECT_TRUE(has(s, "person Hollander => Gisela Hollander")) << testing::PrintToString(s);
  EXPECT_TRUE(has(s, "person Hollander's => Gisela Hollander") || has(s, "person Hollander => Gisela Hollander"))
      << testing::PrintToString(s);
  std::size_t alone = 0;
  for (const auto& e : s) alone += e.rfind("person Hollander", 0) == 0;
  EXPECT_EQ(alone, 2u) << testing::PrintToString(s);
  // Capitals after a bracketed alias go on with the name; the value is in title case.
  const auto c = tag("TESTIMONY OF JAKOB (KUBA) FELDMAN, RECORDED IN 1946");
  EXPECT_TRUE(has(c, "person JAKOB (KUBA) FELDMAN => Jakob Feldman")) << testing::PrintToString(c);
  // A hyphenated surname after a particle, an elided particle, a quoted alias in brackets.
  const auto h = tag("O encarregado Mário de Lima-Pereira Santos e o Sr. Afonso d'Almada chegaram.", "por");
  EXPECT_TRUE(has(h, "person Mário de Lima-Pereira Santos => Mário de Lima-Pereira Santos")) << testing::PrintToString(h);
  EXPECT_TRUE(has(h, "person Afonso d'Almada => Afonso d'Almada")) << testing::PrintToString(h);
  const auto q = tag("Przyszła pani Irena Sendlerowa (\"Jolanta\") z listami.", "pol");
  EXPECT_TRUE(has(q, "person Irena Sendlerowa (\"Jolanta\") => Irena Sendler @persons:irena-sendler"))
      << testing::PrintToString(q);
  // A regnal number with its ordinal period, not with a sentence's full stop.
  const auto r = tag("Damals zeigte sich König Rudolf IV. oft in Wien, und so tat es König Rudolf IV.", "deu");
  EXPECT_TRUE(has(r, "person Rudolf IV. => Rudolf IV")) << testing::PrintToString(r);
  EXPECT_TRUE(has(r, "person Rudolf IV => Rudolf IV")) << testing::PrintToString(r);
  const auto g = tag("Damals zeigte sich König Gustav V. oft in der Stadt.", "deu");
  EXPECT_TRUE(has(g, "person Gustav V. => Gustaf V @persons:gustaf-v")) << testing::PrintToString(g);
  // An inflected given name alone is no person ("Dänen" is not Dan).
  const auto d = tag("Die Dänen halfen den Flüchtlingen.", "deu");
  for (const auto& e : d) EXPECT_NE(e.rfind("person", 0), 0u) << e;
  // A name ends before an organization's head word; an organization does not start inside a
  // hyphenated name.
  const auto o = tag("Madame Hélène Marx-Lipman Comité d'aide aux réfugiés", "fra");
  for (const auto& e : o) {
    EXPECT_EQ(e.find("Lipman Comit"), std::string::npos) << e;
    EXPECT_NE(e.rfind("organization Lipman", 0), 0u) << e;
  }
  // Arabic: a function word behind a clitic ends the name ("فكان", and was).
  const auto a = tag("السيد يوسف حداد فكان في المدينة", "ara");
  for (const auto& e : a) EXPECT_EQ(e.find("فكان"), std::string::npos) << e;
}

TEST(Organizations, ListedAndByHeadWord) {
  const auto v = tag("The Joint and the War Refugee Board helped the Jewish Council of Budapest.");
  EXPECT_TRUE(has(v, "organization War Refugee Board => War Refugee Board @organizations:war-refugee-board"))
      << testing::PrintToString(v);
  EXPECT_TRUE(has_prefix(v, "organization Jewish Council of Budapest")) << testing::PrintToString(v);  // one organization, not a place inside it
}

TEST(Organizations, ConnectorsInsideNamesOfTheirLanguages) {
  const auto pt = tag("Ele era membro do Comité de Ajuda aos Refugiados em 1941.", "por");
  EXPECT_TRUE(has(pt, "organization Comité de Ajuda aos Refugiados => Comité de Ajuda aos Refugiados"))
      << testing::PrintToString(pt);
  const auto fr = tag("Rapport du Comité d'Aide aux Réfugiés, Nice.", "fra");
  EXPECT_TRUE(has(fr, "organization Comité d'Aide aux Réfugiés => Comité d'Aide aux Réfugiés"))
      << testing::PrintToString(fr);
  const auto nl = tag("Het Comité voor Hulp aan Vluchtelingen hielp ons.", "nld");
  EXPECT_TRUE(has(nl, "organization Comité voor Hulp aan Vluchtelingen => Comité voor Hulp aan Vluchtelingen"))
      << testing::PrintToString(nl);
  // The spelling before the 1945 reform: "Commissão".
  const auto old = tag("Em 1943 a Commissão Portuguesa de Assistência mudou-se.", "por");
  EXPECT_TRUE(has_prefix(old, "organization Commissão Portuguesa de Assistência => ")) << testing::PrintToString(old);
}

TEST(Organizations, APrepositionThatSwallowsTheArticle) {
  // Hebrew ל + הצבא, Arabic ل + الصليب: the listed name has the article the text lost.
  const auto he = tag("חנה סנש הצטרפה לצבא הבריטי.", "heb");
  EXPECT_TRUE(has(he, "organization צבא הבריטי => British Army @organizations:british-army"))
      << testing::PrintToString(he);
  const auto ar = tag("قدم للصليب الأحمر طلبا.", "ara");
  EXPECT_TRUE(has(ar, "organization لصليب الأحمر => Red Cross @organizations:red-cross")) << testing::PrintToString(ar);
}

TEST(Organizations, AfterAnElidedArticle) {
  const auto v = tag("L'Union générale des israélites de France fut créée en 1941.", "fra");
  EXPECT_TRUE(has(v, "organization Union générale des israélites de France => Union Generale des Israelites de "
                     "France @organizations:union-generale-des-israelites-de-france"))
      << testing::PrintToString(v);
  EXPECT_FALSE(has_prefix(v, "organization L'")) << testing::PrintToString(v);
}

TEST(Organizations, NationalityModifierAndPlaceBelongToTheName) {
  const auto de = tag("Das Ungarische Rote Kreuz und der Judenrat Krakau halfen.", "deu");
  // A nationality before a body every country has names that country's (the gold's "Danish
  // Red Cross" for "Dänische Rote Kreuz"), unlinked when the list has no entry of its own.
  EXPECT_TRUE(has(de, "organization Ungarische Rote Kreuz => Hungarian Red Cross")) << testing::PrintToString(de);
  const auto nat = tag("The Polish Red Cross and the American Red Cross helped. Polish Jews formed committees.");
  EXPECT_TRUE(has(nat, "organization Polish Red Cross => Polish Red Cross")) << testing::PrintToString(nat);
  EXPECT_TRUE(has(nat, "organization American Red Cross => American Red Cross @organizations:american-red-cross"))
      << testing::PrintToString(nat);
  EXPECT_FALSE(has_prefix(nat, "organization Polish Jews")) << testing::PrintToString(nat);
  EXPECT_TRUE(has(de, "organization Judenrat Krakau => Judenrat @organizations:judenrat")) << testing::PrintToString(de);
  const auto pt = tag("Escreveu à Cruz Vermelha Internacional e ao Conselho Judaico de Varsóvia.", "por");
  EXPECT_TRUE(has(pt, "organization Cruz Vermelha Internacional => International Committee of the Red Cross "
                     "@organizations:international-committee-of-the-red-cross"))
      << testing::PrintToString(pt);
  const auto it = tag("La Croce Rossa Internazionale arrivò.", "ita");
  EXPECT_TRUE(has(it, "organization Croce Rossa Internazionale => Red Cross @organizations:red-cross"))
      << testing::PrintToString(it);
  EXPECT_TRUE(has(pt, "organization Conselho Judaico de Varsóvia => Judenrat @organizations:judenrat"))
      << testing::PrintToString(pt);
  // An unlisted body is named by where it sits; a listed one is not: the Red Cross in Geneva
  // is the Red Cross.
  const auto local = tag("Ich schrieb an das Jüdische Historische Komitee in Krakau.", "deu");
  EXPECT_TRUE(has_prefix(local, "organization Jüdische Historische Komitee in Krakau")) << testing::PrintToString(local);
  const auto fed = tag("Le pasteur Marc Boegner, président de la Fédération protestante de France, a protesté.", "fra");
  EXPECT_TRUE(has_prefix(fed, "organization Fédération protestante de France")) << testing::PrintToString(fed);
  const auto consul = tag("Trabalhou no Consulado do Brasil em Hamburgo até 1942.", "por");
  EXPECT_TRUE(has_prefix(consul, "organization Consulado do Brasil em Hamburgo")) << testing::PrintToString(consul);
  const auto en = tag("She wrote to the Red Cross in Geneva.");
  EXPECT_TRUE(has(en, "organization Red Cross => Red Cross @organizations:red-cross")) << testing::PrintToString(en);
  const auto pl = tag("Pracowała dla Delegatury Rządu na Kraj i Polskiego Państwa Podziemnego.", "pol");
  EXPECT_TRUE(has(pl, "organization Delegatury Rządu na Kraj => Polish Underground State @organizations:polish-underground-state"))
      << testing::PrintToString(pl);
  EXPECT_TRUE(has(pl, "organization Polskiego Państwa Podziemnego => Polish Underground State @organizations:polish-underground-state"))
      << testing::PrintToString(pl);
}

TEST(Organizations, InflectedHeadWordsAndDatelines) {
  // A head word in a Polish case opens an unlisted name.
  const auto v = tag("Sekretarzem był Adolf Berman z Żydowskiego Komitetu Narodowego.", "pol");
  EXPECT_TRUE(has_prefix(v, "organization Żydowskiego Komitetu Narodowego => ")) << testing::PrintToString(v);
  // Not from the sentence's first word before a listed name.
  const auto w = tag("Dym nad gettem. Walki Żydowskiej Organizacji Bojowej trwały do maja.", "pol");
  EXPECT_TRUE(has_prefix(w, "organization Żydowskiej Organizacji Bojowej => ")) << testing::PrintToString(w);
  EXPECT_FALSE(has_prefix(w, "organization Walki")) << testing::PrintToString(w);
  // A place then a date after a listed name is a dateline, not the body's seat.
  const auto d = tag("Notatka opracowana dla Żydowskiego Instytutu Historycznego Warszawa, VI.1948", "pol");
  EXPECT_TRUE(has_prefix(d, "organization Żydowskiego Instytutu Historycznego => ")) << testing::PrintToString(d);
  EXPECT_TRUE(has_prefix(d, "place Warszawa => ")) << testing::PrintToString(d);
}

TEST(Organizations, ArabicDescriptorBeforeAListedNameAndNationalityGroups) {
  const auto v = tag("واعترفت به مؤسسة ياد فاشيم عام 2007 ووصلت قوات الحلفاء في أيار.", "ara");
  EXPECT_TRUE(has_prefix(v, "organization ياد فاشيم => Yad Vashem")) << testing::PrintToString(v);
  EXPECT_TRUE(has_prefix(v, "organization الحلفاء => ")) << testing::PrintToString(v);
  EXPECT_FALSE(has_prefix(v, "organization مؤسسة")) << testing::PrintToString(v);
  EXPECT_FALSE(has_prefix(v, "organization قوات")) << testing::PrintToString(v);
  // A function word behind a clitic ends the name ("باسم", in the name of).
  const auto f = tag("حصل على جواز حماية من المفوضية السويدية باسم الدبلوماسي.", "ara");
  EXPECT_TRUE(has_prefix(f, "organization المفوضية السويدية => ")) << testing::PrintToString(f);
  // "the German forces" describe a group (DOMAIN.md); "the British Eighth Army" names one.
  const auto g = tag("احتلت القوات الألمانية المدينة ثم دخلها الجيش الثامن البريطاني.", "ara");
  EXPECT_FALSE(has_prefix(g, "organization القوات الألمانية")) << testing::PrintToString(g);
  EXPECT_TRUE(has_prefix(g, "organization الجيش الثامن البريطاني => ")) << testing::PrintToString(g);
}

TEST(Organizations, EndAtLineBreaksAndAtTheEndOfAnArabicDefinitePhrase) {
  const auto ar = tag("وحين احتلت القوات الألمانية تونس كان يقيم قرب المهدية.", "ara");
  for (const auto& e : ar) EXPECT_EQ(e.find("الألمانية تونس"), std::string::npos) << e;
  EXPECT_TRUE(has_prefix(ar, "place تونس => ")) << testing::PrintToString(ar);
  // A prepositional clitic goes on: the Jewish community of (in) Tunis.
  const auto community = tag("استدعى رئيس الطائفة اليهودية بتونس", "ara");
  EXPECT_TRUE(has_prefix(community, "organization الطائفة اليهودية بتونس")) << testing::PrintToString(community);
  // A line kept as a line (an address) ends a name built around a head word.
  const auto de = tag("An das Jüdische Komitee\nSehr geehrte Damen und Herren", "deu");
  for (const auto& e : de) EXPECT_EQ(e.find("Sehr"), std::string::npos) << e;
}

TEST(Organizations, AWordThatEndsNamesStartsNone) {
  const auto camp = tag("Er kam ins Lager Janowska.", "deu");
  for (const auto& e : camp) EXPECT_NE(e.rfind("organization", 0), 0u) << e;
  const auto community = tag("Er schrieb an die Jüdischen Gemeinde Kopenhagen.", "deu");
  EXPECT_TRUE(has_prefix(community, "organization Jüdischen Gemeinde Kopenhagen")) << testing::PrintToString(community);
}

// German and Dutch glue the head word to what it names ("Volkspartei"); after adjectives
// only, and a possessive at a sentence's start opens no name.
TEST(Organizations, CompoundHeadWordsAfterAdjectives) {
  const auto de = tag("Die Slowakische Volkspartei unterstützte es. Unsere Gemeinde war klein.", "deu");
  EXPECT_TRUE(has(de, "organization Slowakische Volkspartei => Slowakische Volkspartei")) << testing::PrintToString(de);
  for (const auto& s : de) EXPECT_EQ(s.find("Unsere"), std::string::npos) << s;
  const auto nl = tag("De Zionistische Vereniging kwam bijeen.", "nld");
  EXPECT_TRUE(has(nl, "organization Zionistische Vereniging => Zionistische Vereniging")) << testing::PrintToString(nl);
  // Nor in English: "Our" is no part of the name.
  const auto en = tag("Our Committee met on Monday.");
  for (const auto& s : en) EXPECT_EQ(s.rfind("organization", 0), std::string::npos) << s;
}

// A network named after its founder, the network word in lower case before or after the name;
// a lower-case Romance nationality adjective after a listed name belongs to it.
TEST(Organizations, NetworksByTheirWordAndNationalityAfterTheName) {
  const auto fr = tag("Elle travaillait pour le réseau Garel à Lyon avec la Croix-Rouge française.", "fra");
  EXPECT_TRUE(has(fr, "organization réseau Garel => réseau Garel")) << testing::PrintToString(fr);
  EXPECT_TRUE(has_prefix(fr, "organization Croix-Rouge française => ")) << testing::PrintToString(fr);
  const auto en = tag("She carried papers for the Garel network.");
  EXPECT_TRUE(has(en, "organization Garel network => Garel network")) << testing::PrintToString(en);
  const auto none = tag("Le réseau de la ville était détruit.", "fra");
  for (const auto& e : none) EXPECT_EQ(e.rfind("organization", 0), std::string::npos) << e;
}

// "International" before a listed name in any language takes it in; "the International Red
// Cross" is the ICRC.
TEST(Organizations, InternationalBeforeAListedName) {
  const auto v = tag("Das Internationale Rote Kreuz kam. Az Országos Magyar Zsidó Segítő Akció segített.", "deu+hun");
  EXPECT_TRUE(has(v, "organization Internationale Rote Kreuz => International Committee of the Red Cross "
                     "@organizations:international-committee-of-the-red-cross"))
      << testing::PrintToString(v);
  EXPECT_TRUE(has_prefix(v, "organization Országos Magyar Zsidó Segítő Akció => ")) << testing::PrintToString(v);
  const auto hu = tag("A Nemzetközi Vöröskereszt küldöttje.", "hun");
  EXPECT_TRUE(has_prefix(hu, "organization Nemzetközi Vöröskereszt => ")) << testing::PrintToString(hu);
}

// An event named with a head word is no organization.
TEST(Organizations, ANameSpelledByTheAcronymInBracketsAfterIt) {
  const auto fr = tag("Le Comité d'aide aux réfugiés israélites (CARI) nous a aidées. Plus tard, le CARI a fermé.",
                      "fra");
  EXPECT_TRUE(has(fr, "organization Comité d'aide aux réfugiés israélites => Comité d'aide aux réfugiés israélites"))
      << testing::PrintToString(fr);
  EXPECT_EQ(std::count(fr.begin(), fr.end(), "organization CARI => Comité d'aide aux réfugiés israélites"), 2)
      << testing::PrintToString(fr);
  // A person's initials in brackets make no body.
  const auto pl = tag("Przyszedł Jan Kowalski (JK) z Warszawy.", "pol");
  EXPECT_FALSE(has_prefix(pl, "organization")) << testing::PrintToString(pl);
}

TEST(Organizations, GermanCompoundHeadWithItsGenitiveAndAListedBodyInside) {
  const auto de = tag("Der Landesverband der jüdischen Gemeinden half. Nach dem Krieg half uns das Amerikanische "
                      "Joint Distribution Committee.",
                      "deu");
  EXPECT_TRUE(has(de, "organization Landesverband der jüdischen Gemeinden => Landesverband der jüdischen Gemeinden"))
      << testing::PrintToString(de);
  EXPECT_TRUE(has_prefix(de, "organization Amerikanische Joint Distribution Committee => American Jewish Joint "))
      << testing::PrintToString(de);
}

TEST(Organizations, APrepositionAtASentencesStartOpensNone) {
  const auto de = tag("Mit Hilfe von Pfarrer Dr. Pavol Čarnogurský gelang mir die Flucht.", "deu");
  EXPECT_FALSE(has_prefix(de, "organization Mit Hilfe")) << testing::PrintToString(de);
}

TEST(Organizations, EventsAreNotOrganizations) {
  for (const auto& [text, lang] : std::vector<std::pair<std::string, std::string>>{
           {"They joined the Slovak National Uprising in 1944.", "eng"},
           {"Nach dem Jüdischen Aufstand kamen sie.", "deu"}})
    for (const auto& e : tag(text, lang)) EXPECT_EQ(e.rfind("organization", 0), std::string::npos) << e;
}

TEST(Organizations, InflectedPolishNames) {
  const auto v = tag("Był żołnierzem Armii Krajowej, potem pracował dla Rady Pomocy Żydom.", "pol");
  bool home_army = false, zegota = false;
  for (const auto& s : v) {
    home_army = home_army || s.rfind("organization Armii Krajowej => ", 0) == 0;
    zegota = zegota || s.rfind("organization Rady Pomocy Żydom => ", 0) == 0;
  }
  EXPECT_TRUE(home_army) << testing::PrintToString(v);
  EXPECT_TRUE(zegota) << testing::PrintToString(v);
  // German adjective endings before a neuter noun: "Internationales Komitee" is listed.
  const auto icrc = tag("Das Internationale Komitee vom Roten Kreuz kam nicht; ein Vertreter des "
                        "Internationalen Komitees vom Roten Kreuz kam 1944.", "deu");
  EXPECT_TRUE(has(icrc, "organization Internationale Komitee vom Roten Kreuz => International Committee of the Red Cross "
                        "@organizations:international-committee-of-the-red-cross"))
      << testing::PrintToString(icrc);
  EXPECT_TRUE(has(icrc, "organization Internationalen Komitees vom Roten Kreuz => International Committee of the "
                        "Red Cross @organizations:international-committee-of-the-red-cross"))
      << testing::PrintToString(icrc);
  // Five words, two of them inflected, one a locative in t ("Komitecie" of "Komitet").
  const auto ckzp = tag("Po wojnie pracowała w Centralnym Komitecie Żydów w Polsce.", "pol");
  EXPECT_TRUE(has(ckzp, "organization Centralnym Komitecie Żydów w Polsce => Central Committee of Polish Jews "
                        "@organizations:central-committee-of-polish-jews"))
      << testing::PrintToString(ckzp);
  // In a heading's capitals: several words vouch for each other; one word alone does not.
  const auto heading = tag("NOTATKA O DZIAŁALNOŚCI RADY POMOCY ŻYDOM\nSPRAWOZDANIE Z WARSZAWIE", "pol");
  bool caps = false;
  for (const auto& s : heading) {
    caps = caps || s.rfind("organization RADY POMOCY ŻYDOM => ", 0) == 0;
    EXPECT_EQ(s.find("WARSZAWIE"), std::string::npos) << s;
  }
  EXPECT_TRUE(caps) << testing::PrintToString(heading);
}

TEST(Tags, TextWithoutEntitiesYieldsNone) {
  EXPECT_TRUE(tag("we walked for three weeks and then a few days more, tired and hungry.").empty());
  EXPECT_TRUE(tag("").empty());
}

TEST(Organizations, HyphenatedCompoundAdjectivesButNotHyphenatedNames) {
  const auto en = tag("Children lived in hostels of the Inter-Aid Committee and the German-Jewish Aid Committee; "
                      "the Anglo-Jewish Association paid. Polish-Jewish relations were tense.");
  EXPECT_TRUE(has_prefix(en, "organization Inter-Aid Committee")) << testing::PrintToString(en);
  EXPECT_TRUE(has_prefix(en, "organization German-Jewish Aid Committee")) << testing::PrintToString(en);
  EXPECT_TRUE(has_prefix(en, "organization Anglo-Jewish Association")) << testing::PrintToString(en);
  EXPECT_FALSE(has_prefix(en, "organization Polish-Jewish")) << testing::PrintToString(en);
  // An English plural possessive inside a name.
  const auto en2 = tag("Received by Bertha Bracey of the Friends' Germany Emergency Committee.");
  EXPECT_TRUE(has_prefix(en2, "organization Friends' Germany Emergency Committee")) << testing::PrintToString(en2);
  const auto fr = tag("Madame Juliette Lévy-Dreyfus Œuvre de secours aux enfants.", "fra");
  EXPECT_TRUE(has_prefix(fr, "person Juliette Lévy-Dreyfus")) << testing::PrintToString(fr);
  EXPECT_TRUE(has_prefix(fr, "organization Œuvre de secours aux enfants =>")) << testing::PrintToString(fr);
}

TEST(Organizations, ARegionOpenedByAHeadWordIsAPlace) {
  const auto en = tag("The Christian Council helped refugees from Central Europe.");
  EXPECT_TRUE(has_prefix(en, "place Central Europe")) << testing::PrintToString(en);
  EXPECT_FALSE(has_prefix(en, "organization Central Europe")) << testing::PrintToString(en);
}

TEST(Organizations, ABodyOfOnePlaceNamedForAnotherKeepsItsOwnName) {
  const auto de = tag("Die Israelitische Kultusgemeinde Bratislava bestätigt dies. Die Israelitische "
                      "Kultusgemeinde Wien auch.",
                      "deu");
  EXPECT_TRUE(has(de, "organization Israelitische Kultusgemeinde Bratislava => Israelitische Kultusgemeinde Bratislava"))
      << testing::PrintToString(de);
  EXPECT_TRUE(has(de, "organization Israelitische Kultusgemeinde Wien => Israelitische Kultusgemeinde Wien "
                     "@organizations:israelitische-kultusgemeinde-wien"))
      << testing::PrintToString(de);
}

TEST(Organizations, GermanHeadWordWithGenitiveAndSeatWithArticle) {
  const auto de = tag("Er arbeitete für die Zentralstelle der jüdischen Religionsgemeinden und den Verband der "
                      "Juden in der Slowakei. Die Delegation unter Frants Hvass kam.",
                      "deu");
  EXPECT_TRUE(has_prefix(de, "organization Zentralstelle der jüdischen Religionsgemeinden =>"))
      << testing::PrintToString(de);
  EXPECT_TRUE(has_prefix(de, "organization Verband der Juden in der Slowakei =>")) << testing::PrintToString(de);
  EXPECT_FALSE(has_prefix(de, "organization Delegation unter")) << testing::PrintToString(de);
}

TEST(Organizations, SlavicAdjectivesBeforeAnInflectedHeadWord) {
  const auto pl = tag("Był członkiem Zjednoczonej Organizacji Partyzanckiej. Walki Żydowskiej Organizacji Bojowej "
                      "trwały.",
                      "pol");
  EXPECT_TRUE(has_prefix(pl, "organization Zjednoczonej Organizacji Partyzanckiej =>")) << testing::PrintToString(pl);
  EXPECT_FALSE(has_prefix(pl, "organization Walki")) << testing::PrintToString(pl);
  const auto sk = tag("Bol členom Slovenskej Národnej Rady.", "slk");
  EXPECT_TRUE(has_prefix(sk, "organization Slovenskej Národnej Rady =>")) << testing::PrintToString(sk);
}

TEST(Persons, HebrewWordsAfterKinWordsThatNameNobody) {
  // "My brother was a member of the organization": "היה" (was) is no nationality after a title,
  // and Yiddish "חבר" (comrade) is Hebrew for member. "My wife at home": a preposition glued.
  const auto he = tag("אחי היה חבר בארגון הלוחם. הוא העסיק את אשתי בבית החרושת. אשתו יוקיקו באה. "
                      "הקונסול ההולנדי יאן צוורטנדייק עזר.",
                      "heb");
  EXPECT_FALSE(has_prefix(he, "person חבר")) << testing::PrintToString(he);
  EXPECT_FALSE(has_prefix(he, "person בארגון")) << testing::PrintToString(he);
  EXPECT_FALSE(has_prefix(he, "person בבית")) << testing::PrintToString(he);
  EXPECT_TRUE(has_prefix(he, "person יוקיקו")) << testing::PrintToString(he);
  EXPECT_TRUE(has_prefix(he, "person יאן צוורטנדייק")) << testing::PrintToString(he);
}

TEST(Organizations, HebrewAndArabicNamesNoListKnowsGetEnglishWords) {
  const auto he = tag("הקהילה היהודית בקרקוב עזרה. כתבתי אל הוועד היהודי המרכזי. הקהילה היהודית המקומית עזרה.",
                      "heb");
  EXPECT_TRUE(has(he, "organization הקהילה היהודית בקרקוב => Jewish Community of Krakow")) << testing::PrintToString(he);
  EXPECT_TRUE(has(he, "organization הוועד היהודי המרכזי => Central Jewish Committee")) << testing::PrintToString(he);
  // "The local Jewish community" describes a group.
  EXPECT_FALSE(has_prefix(he, "organization הקהילה היהודית המקומית")) << testing::PrintToString(he);
  // The English words of a listed name link it.
  const auto ar = tag("وصلنا إلى المفوضية السويدية. ثم إلى المفوضية السويدية في بودابست. وذهبنا إلى المفوضية السويدية في برلين.",
                      "ara");
  EXPECT_TRUE(has(ar, "organization المفوضية السويدية => Swedish Legation in Budapest "
                      "@organizations:swedish-legation-in-budapest"))
      << testing::PrintToString(ar);
  EXPECT_TRUE(has(ar, "organization المفوضية السويدية في بودابست => Swedish Legation in Budapest "
                      "@organizations:swedish-legation-in-budapest"))
      << testing::PrintToString(ar);
  EXPECT_TRUE(has(ar, "organization المفوضية السويدية في برلين => Swedish Legation of Berlin"))
      << testing::PrintToString(ar);
  // A word the list lacks: letters as before.
  const auto ar2 = tag("ساعدتنا اللجنة المركزية لليهود.", "ara");
  EXPECT_FALSE(has_prefix(ar2, "organization اللجنة المركزية لليهود => Central")) << testing::PrintToString(ar2);
}

TEST(Organizations, TheHebrewArticleStaysWithTheName) {
  const auto he = tag("היודנראט פעל. קיבלנו עזרה מהג'וינט.", "heb");
  EXPECT_TRUE(has_prefix(he, "organization היודנראט => Judenrat")) << testing::PrintToString(he);
  EXPECT_TRUE(has_prefix(he, "organization הג'וינט => American Jewish Joint")) << testing::PrintToString(he);
}

TEST(Places, PolishCasesOfShortNamesForestsAndStreetsNamedForAPeople) {
  const auto pl = tag("Urodził się w Lidzie, uczył się w Rydze i w Pradze, uciekł pod Kownem do Puszczy Narockiej. "
                      "Mieszkał na ulicy Żydowskiej, potem przy ul. Niemieckiej 29.",
                      "pol");
  EXPECT_TRUE(has(pl, "place Lidzie => Lida @places:lida")) << testing::PrintToString(pl);
  EXPECT_TRUE(has(pl, "place Rydze => Riga @places:riga")) << testing::PrintToString(pl);
  EXPECT_TRUE(has(pl, "place Pradze => Prague @places:prague")) << testing::PrintToString(pl);
  EXPECT_TRUE(has(pl, "place Kownem => Kaunas @places:kaunas")) << testing::PrintToString(pl);
  EXPECT_TRUE(has(pl, "place Puszczy Narockiej => Naroch Forest @places:naroch-forest")) << testing::PrintToString(pl);
  EXPECT_TRUE(has(pl, "place Żydowskiej => Zydowska Street")) << testing::PrintToString(pl);
  EXPECT_TRUE(has(pl, "place Niemieckiej => Niemiecka Street")) << testing::PrintToString(pl);
}

TEST(Places, AStreetWordAfterItsNameTakesNoWordsOfAnotherLine) {
  // A table's header cells, one to a line: "Place of birth" is no street "Name Born Place".
  const auto en = tag("No.\nName\nBorn\nPlace of birth\nHe lived at Portland Place in London.");
  EXPECT_FALSE(has_prefix(en, "place Name")) << testing::PrintToString(en);
  EXPECT_FALSE(has_prefix(en, "place Born")) << testing::PrintToString(en);
  EXPECT_TRUE(has_prefix(en, "place Portland Place")) << testing::PrintToString(en);
}

TEST(Places, AVerbAfterAGhettoWordIsNoPlace) {
  // "In the ghetto we worked", "in the camp we worked": the person ending tells a verb.
  const auto he = tag("בגטו עבדנו קשה. במחנה הייתי שנה. בכפר קוצ'מיר גרנו.", "heb");
  EXPECT_FALSE(has_prefix(he, "place עבדנו")) << testing::PrintToString(he);
  EXPECT_FALSE(has_prefix(he, "place הייתי")) << testing::PrintToString(he);
  EXPECT_TRUE(has_prefix(he, "place קוצ'מיר")) << testing::PrintToString(he);
  const auto ar = tag("في المخيم عملنا كثيرا. وفي مخيم عاشوا سنة.", "ara");
  EXPECT_FALSE(has_prefix(ar, "place عملنا")) << testing::PrintToString(ar);
  EXPECT_FALSE(has_prefix(ar, "place عاشوا")) << testing::PrintToString(ar);
}

TEST(Persons, AGereshClosingAHebrewNameBelongsToIt) {
  const auto he = tag("עבדנו אצל מר יוליוס מדריץ', שהציל רבים.", "heb");
  EXPECT_TRUE(has_prefix(he, "person יוליוס מדריץ' =>")) << testing::PrintToString(he);
}

TEST(Persons, PolishNamesInHebrewLettersAndAGluedAnd) {
  // "The couple Stefan and Jadwiga Nowak helped us": Polish given names in Hebrew letters, their
  // usual Latin spelling, and the family name shared over the "and" glued to the second name.
  const auto he = tag("גם הזוג סטפן ויאדוויגה נובק עזרו לנו.", "heb");
  EXPECT_TRUE(has(he, "person סטפן => Stefan Nowak")) << testing::PrintToString(he);
  EXPECT_TRUE(has(he, "person יאדוויגה נובק => Jadwiga Nowak")) << testing::PrintToString(he);
}

TEST(Persons, EuropeanNamesInArabicLetters) {
  // Albert begins like the article; a family word is a cue, not part of the name; a family
  // described by its origin names nobody.
  const auto ar = tag("وكان من بين المرحلين ألبرت ميزراحي وزوجته ماتيلدا. وأنقذ القنصل عائلة إليازر هاسون. "
                      "كانت أسرة تونسية معروفة.",
                      "ara");
  EXPECT_TRUE(has_prefix(ar, "person ألبرت ميزراحي => Albert ")) << testing::PrintToString(ar);
  EXPECT_TRUE(has_prefix(ar, "person ماتيلدا => Matilda")) << testing::PrintToString(ar);
  EXPECT_TRUE(has_prefix(ar, "person إليازر هاسون => Eliezer ")) << testing::PrintToString(ar);
  EXPECT_FALSE(has_prefix(ar, "person تونسية")) << testing::PrintToString(ar);
}

TEST(Places, AnArabicAdjectiveOfOriginAfterACityWordIsNoPlace) {
  const auto ar = tag("ليون مدينة فرنسية. وصلنا إلى مدينة نابولي.", "ara");
  EXPECT_FALSE(has_prefix(ar, "place فرنسية")) << testing::PrintToString(ar);
  EXPECT_TRUE(has_prefix(ar, "place نابولي => Naples")) << testing::PrintToString(ar);
}

TEST(Persons, AFamilyFirstListReadsEntriesThatTellTheirOrderAsTheyTell) {
  const auto en = tag("List of children:\n1. Kohn, Ruth, b. 3.5.1929, Vienna\n2. Grünbaum, Peter, b. 1930, Vienna\n"
                      "3. Ruth KOHN, aged 9, from Berlin\n4. Frank Meisler, aged 11, Danzig\n5. Gordon Izaak, aged 9.");
  EXPECT_TRUE(has(en, "person Ruth KOHN => Ruth Kohn")) << testing::PrintToString(en);
  EXPECT_TRUE(has(en, "person Frank Meisler => Frank Meisler")) << testing::PrintToString(en);
  EXPECT_TRUE(has(en, "person Gordon Izaak => Izaak Gordon")) << testing::PrintToString(en);
}

TEST(Organizations, RomanceHeadWordsWithTheAdjectivesOfInstitutions) {
  const auto fr = tag("La Sûreté nationale nous surveillait. Le Comité central israélite de Belgique aidait. "
                      "Le Comité a été créé en secret.",
                      "fra");
  EXPECT_TRUE(has_prefix(fr, "organization Sûreté nationale =>")) << testing::PrintToString(fr);
  EXPECT_TRUE(has_prefix(fr, "organization Comité central israélite de Belgique =>")) << testing::PrintToString(fr);
  EXPECT_FALSE(has_prefix(fr, "organization Comité a")) << testing::PrintToString(fr);
  const auto pt = tag("O Conselho geral da Ordem reuniu-se.", "por");
  EXPECT_TRUE(has_prefix(pt, "organization Conselho geral da Ordem =>")) << testing::PrintToString(pt);
}

TEST(Persons, AHebrewAdjectiveAfterATitleIsNoName) {
  // "A Polish priest named Jan Zieja": the adjective describes him.
  const auto he = tag("גם הכומר פולני בשם יאן זיידה הסתיר ילדים.", "heb");
  EXPECT_FALSE(has_prefix(he, "person פולני")) << testing::PrintToString(he);
  EXPECT_TRUE(has_prefix(he, "person יאן זיידה => Jan ")) << testing::PrintToString(he);
}

TEST(Persons, WhereAHebrewNameEnds) {
  // "Much peace to you" greets nobody (רב is also Rav); Cohen is no כ + הן ("like them"); a
  // plural ends a name ("my daughter Sarah [is] well"), and so does "and to the son of".
  const auto he = tag("שלום רב לך, דודי! גב' רוזה כהן מסרה לי אותו. ובתי שרה בריאים. מסור שלום לאחיך אברהם "
                      "ולבן דודנו שמואל שטרן.",
                      "heb");
  EXPECT_FALSE(has_prefix(he, "person לך")) << testing::PrintToString(he);
  EXPECT_TRUE(has(he, "person רוזה כהן => Rosa Cohen")) << testing::PrintToString(he);
  EXPECT_TRUE(has(he, "person שרה => Sara")) << testing::PrintToString(he);
  EXPECT_TRUE(has(he, "person אברהם => Avraham")) << testing::PrintToString(he);
  EXPECT_TRUE(has(he, "person שמואל שטרן => Shmuel Stern")) << testing::PrintToString(he);
}

TEST(Persons, HebrewAndArabicFamilyNamesByTheirEnding) {
  // Chaim is also "life": a given name only before a family name's shape; a family name by
  // its ending is a person alone too; "life" before a common word stays a word.
  const auto he = tag("פגשתי את חיים רוזנבלום, חברנו. ביתו של גולדשטיין נשרף. חיים קשים היו לנו.", "heb");
  EXPECT_TRUE(has_prefix(he, "person חיים רוזנבלום => Chaim ")) << testing::PrintToString(he);
  EXPECT_TRUE(has_prefix(he, "person גולדשטיין => ")) << testing::PrintToString(he);
  EXPECT_FALSE(has_prefix(he, "person חיים קשים")) << testing::PrintToString(he);
  const auto ar = tag("وصل سعيد روزنبرغ إلى المدينة مع عائلة كوفالسكي.", "ara");
  EXPECT_TRUE(has_prefix(ar, "person سعيد روزنبرغ => ")) << testing::PrintToString(ar);
}

TEST(Persons, ListEntriesWithTheFamilyNameInCapitals) {
  // Given names no list has, a double given name, a comma read as a period: the family name
  // in capitals and the entry's fields tell the person. A place after the comma is none.
  const auto v = tag("TRANSPORT LIST\n1. KOHN. Ruth 3.5.1929 Wien\n2. WEISS, Hanna-Lotte 22.1.1927 Graz\n"
                     "3. PICK, Friedl Lore 3.3.1927 Brno\n4. BLAU, Pepi 3.3.1927 Brno\n5. BAUER, Wien 4.4.1930 Linz",
                     "eng");
  EXPECT_TRUE(has(v, "person KOHN. Ruth => Ruth Kohn")) << testing::PrintToString(v);
  EXPECT_TRUE(has(v, "person WEISS, Hanna-Lotte => Hanna-Lotte Weiss")) << testing::PrintToString(v);
  EXPECT_TRUE(has(v, "person PICK, Friedl Lore => Friedl Lore Pick")) << testing::PrintToString(v);
  EXPECT_TRUE(has(v, "person BLAU, Pepi => Pepi Blau")) << testing::PrintToString(v);
  EXPECT_FALSE(has_prefix(v, "person BAUER, Wien")) << testing::PrintToString(v);
  // A family name that is also a given name, in capitals before the comma.
  const auto w = tag("LIST\n1. SALOMON, Pepi 30.1.1932 Leipzig\n2. MOSES, Ruth 9.9.1933 Wien", "eng");
  EXPECT_TRUE(has(w, "person SALOMON, Pepi => Pepi Salomon")) << testing::PrintToString(w);
  EXPECT_TRUE(has(w, "person MOSES, Ruth => Ruth Moses")) << testing::PrintToString(w);
}

TEST(Persons, AFamilyNameInCapitalsAfterTheGivenName) {
  // Documents write the family name in capitals: it is part of the name, an acronym after a
  // name is not ("Madeleine Barot de la CIMADE"). Julius is a name, though Hungarian július
  // folds to it.
  const auto v = tag("Werner KATZ is to be met by his uncle, Mr. Julius Katz of Manchester.", "eng");
  EXPECT_TRUE(has(v, "person Werner KATZ => Werner Katz")) << testing::PrintToString(v);
  EXPECT_TRUE(has(v, "person Julius Katz => Julius Katz")) << testing::PrintToString(v);
  const auto f = tag("Mme Berthe WEILL et Madeleine Barot de la CIMADE.", "fra");
  EXPECT_TRUE(has(f, "person Berthe WEILL => Berthe Weill")) << testing::PrintToString(f);
  EXPECT_TRUE(has(f, "person Madeleine Barot => Madeleine Barot")) << testing::PrintToString(f);
}

TEST(Organizations, HebrewAndArabicBodiesBehindACliticAndDescriptions) {
  // The head word behind a preposition: the name leaves the clitic out.
  const auto he = tag("עבד בוועד היהודי המרכזי בפולין.", "heb");
  EXPECT_TRUE(has(he, "organization וועד היהודי המרכזי => Central Jewish Committee")) << testing::PrintToString(he);
  const auto ar = tag("عمل بالجالية اليهودية في الإسكندرية سنوات.", "ara");
  EXPECT_TRUE(has(ar, "organization الجالية اليهودية في الإسكندرية => Jewish Community of Alexandria"))
      << testing::PrintToString(ar);
  // Without the article, a head word and an adjective describe; a definite noun after the
  // adjective is the verb's object; a country after a head word names the country.
  const auto d = tag("كانت فيها جالية يهودية سفاردية كبيرة. دخل الجيش الألماني المدينة.", "ara");
  EXPECT_FALSE(has_prefix(d, "organization جالية")) << testing::PrintToString(d);
  EXPECT_TRUE(has_prefix(d, "organization الجيش الألماني =>")) << testing::PrintToString(d);
  const auto g = tag("הוא שימש שגריר בממשלת ישראל.", "heb");
  EXPECT_TRUE(has_prefix(g, "place ישראל => Israel")) << testing::PrintToString(g);
  EXPECT_FALSE(has_prefix(g, "organization")) << testing::PrintToString(g);
}

TEST(Places, AWordWithoutTheAccentsOfEveryListedSpellingOpensASentence) {
  // "Spis osób" is a list of persons, not the region Spiš; a name listed without accents
  // (Lodz, Zilina) stays a place there.
  const auto v = tag("Spis osób ocalałych w regionie Spiš.\nLodz i Zilina.", "pol");
  EXPECT_FALSE(has_prefix(v, "place Spis ")) << testing::PrintToString(v);
  EXPECT_TRUE(has_prefix(v, "place Spiš => ")) << testing::PrintToString(v);
  EXPECT_TRUE(has_prefix(v, "place Lodz => ")) << testing::PrintToString(v);
  EXPECT_TRUE(has_prefix(v, "place Zilina => ")) << testing::PrintToString(v);
  // A determiner opening a sentence: "Seine Frau" (his wife); the river mid-sentence stays.
  const auto d = tag("Man warf sie in die Seine. Seine Frau war in Paris.", "deu");
  EXPECT_EQ(std::count(d.begin(), d.end(), "place Seine => Seine @places:seine"), 1) << testing::PrintToString(d);
}

TEST(Organizations, AUnitNamedInQuotationMarks) {
  // The name in quotation marks after the word for a unit or group (before it in English),
  // also behind a Hebrew preposition; a quotation after other words names nothing.
  const auto pl = tag("Walczył w oddziale partyzanckim „Mściciel” w Puszczy Rudnickiej.", "pol");
  EXPECT_TRUE(has(pl, "organization Mściciel => Mściciel")) << testing::PrintToString(pl);
  const auto en = tag("He fought in the unit \"Nekamah\" and later in the \"Avengers\" brigade. He said \"Hello\" to them.", "eng");
  EXPECT_TRUE(has(en, "organization Nekamah => Nekamah")) << testing::PrintToString(en);
  EXPECT_TRUE(has(en, "organization Avengers => Avengers")) << testing::PrintToString(en);
  EXPECT_FALSE(has_prefix(en, "organization Hello")) << testing::PrintToString(en);
  const auto he = tag("הוא הצטרף לפלוגה \"הנוקמים\" ביער.", "heb");
  EXPECT_TRUE(has_prefix(he, "organization הנוקמים => ")) << testing::PrintToString(he);
}

TEST(Organizations, ANationalityOpensABodyNoListHasAndToTheJoinsIt) {
  const auto v = tag("The Czech Refugee Trust Fund and the Barbican Mission to the Jews wrote to the Inter-Aid "
                     "Committee to the Home Office. Polish Jews fled.",
                     "eng");
  EXPECT_TRUE(has_prefix(v, "organization Czech Refugee Trust Fund =>")) << testing::PrintToString(v);
  EXPECT_TRUE(has_prefix(v, "organization Barbican Mission to the Jews =>")) << testing::PrintToString(v);
  EXPECT_TRUE(has_prefix(v, "organization Inter-Aid Committee =>")) << testing::PrintToString(v);
  EXPECT_TRUE(has_prefix(v, "organization Home Office =>")) << testing::PrintToString(v);
  EXPECT_FALSE(has_prefix(v, "organization Polish")) << testing::PrintToString(v);
}

TEST(Persons, AHebrewLettersGreetingAndKinWordsBehindAPreposition) {
  // "To my dear brother Yitzhak and to my sister-in-law Pnina, peace": the kin words behind
  // prepositions, the endearment and the greeting are no part of the names; the uncle Mendel
  // and R. Eliezer ha-Levi; the Wolf family behind "that".
  const auto he = tag("לאחי היקר יצחק ולגיסתי פנינה שלום,\nבנו של הדוד מנדל ז\"ל שרד. בתו של ר' אליעזר הלוי עובדת. "
                      "סיפר שמשפחת וולף נספתה. מהוועד היהודי קיבלתי רשימה.",
                      "heb");
  EXPECT_TRUE(has(he, "person יצחק => Yitzhak")) << testing::PrintToString(he);
  EXPECT_TRUE(has(he, "person פנינה => Pnina")) << testing::PrintToString(he);
  EXPECT_TRUE(has(he, "person מנדל => Mendel")) << testing::PrintToString(he);
  EXPECT_TRUE(has_prefix(he, "person אליעזר הלוי => Eliezer ")) << testing::PrintToString(he);
  EXPECT_TRUE(has_prefix(he, "person וולף => ")) << testing::PrintToString(he);
  EXPECT_TRUE(has_prefix(he, "organization הוועד היהודי => ")) << testing::PrintToString(he);
}

TEST(Persons, PolishListParentsAndAnAliasInBrackets) {
  // Both parents, the second in the genitive after "i"; "c." (córka, daughter of); an alias in
  // brackets after a list entry's given name stays in the mention.
  const auto v = tag("LISTA\n1. Abramowicz Chaim, s. Lejby i Sory, ur. 1912\n2. Bergman Sara, c. Icchoka, ur. 1920\n"
                     "3. Sznejder Rachela (Rachel), ur. 1925",
                     "pol");
  EXPECT_TRUE(has(v, "person Sory => Sora")) << testing::PrintToString(v);
  EXPECT_TRUE(has(v, "person Icchoka => Icchok")) << testing::PrintToString(v);
  EXPECT_TRUE(has(v, "person Sznejder Rachela (Rachel) => Rachela Sznejder")) << testing::PrintToString(v);
}

TEST(Persons, AGivenNameAPlaceListHasAfterAKinWordOrHonorific) {
  // "My little brother Maurice" is no Mauritius, "Mme Florence" no Florence; after "à" they are.
  const auto v = tag("Mon petit frère Maurice a été placé, Mme Florence aussi. Il partit à Maurice, puis à Florence.", "fra");
  EXPECT_TRUE(has(v, "person Maurice => Maurice")) << testing::PrintToString(v);
  EXPECT_TRUE(has(v, "person Florence => Florence")) << testing::PrintToString(v);
  EXPECT_TRUE(has(v, "place Maurice => Mauritius @places:mauritius")) << testing::PrintToString(v);
  EXPECT_TRUE(has(v, "place Florence => Florence @places:florence")) << testing::PrintToString(v);
  // A place that is no given name stays the place after a title-like word.
  const auto p = tag("Le consul Lisboa", "fra");
  EXPECT_FALSE(has_prefix(p, "person Lisboa")) << testing::PrintToString(p);
}

TEST(Persons, HebrewGivenNamesBehindAPreposition) {
  // "I wrote to Yitzhak and to Rivka": the clitics stay out of the span, and a name behind
  // them starts another person; "a new job" (משרה, not "from Sarah") and "my uncle" name nobody.
  const auto he = tag("כתבתי ליצחק ולרבקה מכתב ארוך. מצאתי משרה חדשה. הדוד שלי בא.", "heb");
  EXPECT_TRUE(has(he, "person יצחק => Yitzhak")) << testing::PrintToString(he);
  EXPECT_TRUE(has(he, "person רבקה => Rivka")) << testing::PrintToString(he);
  EXPECT_FALSE(has_prefix(he, "person שרה")) << testing::PrintToString(he);
  EXPECT_FALSE(has_prefix(he, "person שלי")) << testing::PrintToString(he);
}

TEST(Persons, AHebrewOrArabicFamilyNameThatIsAPlace) {
  // A place's name right after a given name is the family name, in these scripts too; after a
  // preposition it stays the place.
  const auto ar = tag("وكان الحاخام روبين إسرائيل آخر حاخام. ذهب يوسف إلى تونس.", "ara");
  EXPECT_TRUE(has(ar, "person روبين إسرائيل => Reuben Israel")) << testing::PrintToString(ar);
  EXPECT_TRUE(has_prefix(ar, "place تونس =>")) << testing::PrintToString(ar);
  const auto he = tag("ראיתי את אברהם ישראל בשוק.", "heb");
  EXPECT_TRUE(has(he, "person אברהם ישראל => Avraham Israel")) << testing::PrintToString(he);
}

TEST(Places, AHebrewOrArabicCueBehindAPreposition) {
  // "A hut in the suburb of Buch": the cue word carries the preposition.
  const auto v = tag("كان له كوخ بضاحية بوخ من عام 1942.", "ara");
  EXPECT_TRUE(has_prefix(v, "place بوخ =>")) << testing::PrintToString(v);
}

}  // namespace
}  // namespace testimony
