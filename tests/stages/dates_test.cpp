// tag.dates: every date form of DOMAIN.md in each language, with its EDTF value and span.
#include <gtest/gtest.h>

#include "stages/tag/tag.hpp"
#include "tests/test_support.hpp"

namespace testimony {
namespace {

std::unique_ptr<DocumentStage> make_dates(const std::string& order = "auto") {
  static const Registry r = [] {
    Registry reg;
    register_tag(reg);
    return reg;
  }();
  return test::make_stage<DocumentStage>(r, "tag.dates", {{"numeric_order", order}});
}

// "text => value" pairs found in `text`, in order.
std::vector<std::string> dates(const std::string& text, const std::string& lang = "por") {
  Document d;
  d.text = text;
  d.metadata["languages"] = lang;
  Context ctx;
  make_dates()->process(d, ctx);
  std::vector<std::string> out;
  for (const Entity& e : d.entities) out.push_back(e.text + " => " + e.value);
  return out;
}

using V = std::vector<std::string>;

TEST(Dates, FullDates) {
  EXPECT_EQ(dates("Lisboa, 3 de março de 1944."), V{"3 de março de 1944 => 1944-03-03"});
  EXPECT_EQ(dates("on March 3rd, 1944 we", "eng"), V{"March 3rd, 1944 => 1944-03-03"});
  EXPECT_EQ(dates("am 3. März 1944 kam", "deu"), V{"3. März 1944 => 1944-03-03"});
  EXPECT_EQ(dates("dnia 3 marca 1944 r.", "pol"), V{"3 marca 1944 r. => 1944-03-03"});
  EXPECT_EQ(dates("le 14 juin 1940", "fra"), V{"14 juin 1940 => 1940-06-14"});
  EXPECT_EQ(dates("the 3rd of March 1944", "eng"), V{"3rd of March 1944 => 1944-03-03"});
  EXPECT_EQ(dates("19 jun. 1940", "por"), V{"19 jun. 1940 => 1940-06-19"});
}

TEST(Dates, AMonthOrSeasonWordInsideAListedPlaceIsThePlaces) {
  // אביב is spring; תל אביב is Tel Aviv. The year after it is a date of its own.
  EXPECT_EQ(dates("עדותה של רחל, תל אביב, 1960.", "heb"), V{"1960 => 1960"});
  EXPECT_EQ(dates("באביב 1944 ברחנו", "heb"), V{"אביב 1944 => 1944-21"});
}

TEST(Dates, ANumberOfPeopleIsNoYear) {
  EXPECT_EQ(dates("In July 1944 about 1700 Jews were deported.", "eng"), V{"July 1944 => 1944-07"});
  EXPECT_EQ(dates("رُحّل نحو 1700 يهودي إلى أوشفيتز في 1944", "ara"), V{"1944 => 1944"});
  EXPECT_EQ(dates("Cerca de 1700 judeus chegaram.", "por"), V{});
  // A year before people is still one: after a preposition of time, or in the period.
  EXPECT_EQ(dates("In 1943 Jews were deported.", "eng"), V{"1943 => 1943"});
  EXPECT_EQ(dates("The 1942 refugees stayed.", "eng"), V{"1942 => 1942"});
}

TEST(Dates, EarlyModernYearsWithAYearWord) {
  // The history these documents look back to: with a year word a year from 1400 on is a date;
  // a bare number that old is not, nor an older year (more often 19xx misread: "عام 1148").
  EXPECT_EQ(dates("طُردوا من إسبانيا عام 1492 ووصلوا إلى رودس.", "ara"), V{"عام 1492 => 1492"});
  EXPECT_EQ(dates("It cost 1492 marks.", "eng"), V{});
  EXPECT_EQ(dates("تزوجت عام 1148 من داود.", "ara"), V{});
}

TEST(Dates, YearFirstAsHungarianWritesThem) {
  EXPECT_EQ(dates("1944. május 15-én a nyilasok elvitték.", "hun"), V{"1944. május 15-én => 1944-05-15"});
  EXPECT_EQ(dates("1943. december 3. óta bujkáltak.", "hun"), V{"1943. december 3. => 1943-12-03"});
  EXPECT_EQ(dates("1942. június végén", "hun"), V{"1942. június => 1942-06"});
  // A capitalized month after a year and a period starts a sentence.
  EXPECT_EQ(dates("Es war 1942. Mai 1943 fuhr er.", "deu"), (V{"1942 => 1942", "Mai 1943 => 1943-05"}));
  // The month in the inessive, the period left out: "in March 1944"; a sentence that ends
  // with a month name is no abbreviation before the next one's year.
  EXPECT_EQ(dates("1944 márciusában alakult meg.", "hun"), V{"1944 márciusában => 1944-03"});
  EXPECT_EQ(dates("1944 márciusában. 1945 májusában jöttek.", "hun"),
            (V{"1944 márciusában => 1944-03", "1945 májusában => 1945-05"}));
  // Seasons and parts of a year after it: spring of 1945, autumn 1944, late 1944.
  EXPECT_EQ(dates("1945 tavaszán érkeztek.", "hun"), V{"1945 tavaszán => 1945-21"});
  EXPECT_EQ(dates("1944. őszén", "hun"), V{"1944. őszén => 1944-23"});
  EXPECT_EQ(dates("1944 végén Pesten", "hun"), V{"1944 végén => 1944"});
  // Only in Hungarian documents.
  EXPECT_EQ(dates("In 1944 early in the year", "eng"), V{"1944 => 1944"});
}

TEST(Dates, ArabicSpanWithAndGluedToTheSecondYear) {
  EXPECT_EQ(dates("بين عامي 1940 و1942 عمل في اللجنة", "ara"), V{"عامي 1940 و1942 => 1940/1942"});
}

TEST(Dates, ArabicEraLetterBracketedMonthAndOf) {
  // The era letter glued or apart (م, of the common era), the other name of the month in
  // brackets, "of" between month and year.
  EXPECT_EQ(dates("ولد سنة 1492م في طليطلة", "ara"), V{"سنة 1492م => 1492"});
  EXPECT_EQ(dates("في 24 تموز 1944م وصلوا", "ara"), V{"24 تموز 1944م => 1944-07-24"});
  EXPECT_EQ(dates("في عام ١٩٤٤ م", "ara"), V{"عام ١٩٤٤ م => 1944"});
  EXPECT_EQ(dates("في 23 يوليو (تموز) 1944 رحل", "ara"), V{"23 يوليو (تموز) 1944 => 1944-07-23"});
  EXPECT_EQ(dates("في شهر يوليو من عام 1944", "ara"), V{"يوليو من عام 1944 => 1944-07"});
  // The day as an ordinal word; "the first" with no month after it is none.
  EXPECT_EQ(dates("في الثالث والعشرين من يوليو 1944 رحل", "ara"), V{"الثالث والعشرين من يوليو 1944 => 1944-07-23"});
  EXPECT_EQ(dates("في الأول من سبتمبر 1939 بدأت", "ara"), V{"الأول من سبتمبر 1939 => 1939-09-01"});
  EXPECT_EQ(dates("كان الأول في صفه", "ara"), V{});
  EXPECT_EQ(dates("في تشرين الأول 1943 وصل", "ara"), V{"تشرين الأول 1943 => 1943-10"});
  // A number with another letter glued stays a word: no date.
  EXPECT_EQ(dates("الرقم 1944ب في القائمة", "ara"), V{});
}

TEST(Dates, YiddishSeasonsPartsAndYearWords) {
  EXPECT_EQ(dates("אין יאָר 1925", "yid"), V{"יאָר 1925 => 1925"});
  EXPECT_EQ(dates("אין ווינטער 1942 זענען מיר אַוועק", "yid"), V{"ווינטער 1942 => 1942-24"});
  EXPECT_EQ(dates("פֿון 1941 ביז 1944 אין געטאָ", "yid"), V{"1941 ביז 1944 => 1941/1944"});
}

TEST(Dates, ASecondPartThatMakesNoSpanLeavesNoEvidence) {
  Document d;
  d.text = "Early 1945 and late May 1944 they hid.";
  d.metadata["languages"] = "eng";
  Context ctx;
  make_dates()->process(d, ctx);
  ASSERT_EQ(d.entities.size(), 2u);
  EXPECT_EQ(d.entities[0].text, "Early 1945");
  EXPECT_EQ(std::count(d.entities[0].evidence.begin(), d.entities[0].evidence.end(), "qualifier:late"), 0);
}

TEST(Dates, NumericForms) {
  EXPECT_EQ(dates("em 28.9.1943 e 28/09/1943"), (V{"28.9.1943 => 1943-09-28", "28/09/1943 => 1943-09-28"}));
  EXPECT_EQ(dates("on 9/28/1943", "eng"), V{"9/28/1943 => 1943-09-28"});
  EXPECT_EQ(dates("on 4/2/1941", "eng"), V{"4/2/1941 => 1941-04-02"});
  EXPECT_EQ(dates("em 4/2/1941", "por"), V{"4/2/1941 => 1941-02-04"});
  EXPECT_EQ(dates("am 28.IX.1943", "deu"), V{"28.IX.1943 => 1943-09-28"});
  EXPECT_EQ(dates("w VI.1948", "pol"), V{"VI.1948 => 1948-06"});
  EXPECT_EQ(dates("urodzona 3.V.1921 w Wilnie", "pol"), V{"3.V.1921 => 1921-05-03"});
  // Typewritten with a space after each period.
  EXPECT_EQ(dates("geb. 7. 2. 1933, Olomouc", "deu"), V{"7. 2. 1933 => 1933-02-07"});
  EXPECT_EQ(dates("am 7. 13. 1933", "deu"), V{"1933 => 1933"});
  // With spaces, as Polish and Czech forms write it; a letter that is no month is no date.
  EXPECT_EQ(dates("Kraków, dnia 12 IV 1946 r.", "pol"), V{"12 IV 1946 r. => 1946-04-12"});
  EXPECT_EQ(dates("rozdział 12 C 1946", "pol"), V{"1946 => 1946"});
  EXPECT_EQ(dates("dnia 31 II 1944", "pol"), V{"1944 => 1944"});
  EXPECT_EQ(dates("o visto número 1874 de 1940"), V{"1940 => 1940"});
  EXPECT_EQ(dates("depuis l'hiver 1940", "fra"), V{"hiver 1940 => 1940-24"});
  EXPECT_EQ(dates("am 28.9.43", "deu"), V{"28.9.43 => 1943-09-28"});
  EXPECT_EQ(dates("ISO 1943-09-28", "eng"), V{"1943-09-28 => 1943-09-28"});
  EXPECT_EQ(dates("em 31.2.1943"), V{"1943 => 1943"});  // no such day: only the year stands
}

TEST(Dates, MonthsYearsSeasonsDecades) {
  EXPECT_EQ(dates("em abril de 1942"), V{"abril de 1942 => 1942-04"});
  EXPECT_EQ(dates("im April 1942", "deu"), V{"April 1942 => 1942-04"});
  EXPECT_EQ(dates("w listopadzie 1940", "pol"), V{"listopadzie 1940 => 1940-11"});
  EXPECT_EQ(dates("em 1942."), V{"1942 => 1942"});
  EXPECT_EQ(dates("im Herbst 1944", "deu"), V{"Herbst 1944 => 1944-23"});
  EXPECT_EQ(dates("Jesienią 1942 roku", "pol"), V{"Jesienią 1942 roku => 1942-23"});
  EXPECT_EQ(dates("in the summer of 1936", "eng"), V{"summer of 1936 => 1936-22"});
  EXPECT_EQ(dates("في ربيع عام 1944", "ara"), V{"ربيع عام 1944 => 1944-21"});
  EXPECT_EQ(dates("no início do inverno de 1942"), V{"início do inverno de 1942 => 1942-24"});
  EXPECT_EQ(dates("in the 1930s", "eng"), V{"1930s => 193X"});
  EXPECT_EQ(dates("nos anos 30"), V{"anos 30 => 193X"});
  EXPECT_EQ(dates("in den dreissiger Jahren", "deu"), V{"dreissiger Jahren => 193X"});
  EXPECT_EQ(dates("في الثلاثينيات", "ara"), V{"الثلاثينيات => 193X"});
  EXPECT_EQ(dates("around 1943", "eng"), V{"around 1943 => 1943~"});
  EXPECT_EQ(dates("cerca de 1943"), V{"cerca de 1943 => 1943~"});
  EXPECT_EQ(dates("mid-September 1941", "eng"), V{"mid-September 1941 => 1941-09"});
  EXPECT_EQ(dates("أوائل مارس عام 1943", "ara"), V{"أوائل مارس عام 1943 => 1943-03"});
  EXPECT_EQ(dates("حزيران/يونيو 1940", "ara"), V{"حزيران/يونيو 1940 => 1940-06"});
  EXPECT_EQ(dates("تشرين الثاني/نوفمبر 1942", "ara"), V{"تشرين الثاني/نوفمبر 1942 => 1942-11"});
  EXPECT_EQ(dates("في عام ١٩٤٤", "ara"), V{"عام ١٩٤٤ => 1944"});
  EXPECT_EQ(dates("בסתיו 1939", "heb"), V{"סתיו 1939 => 1939-23"});
  EXPECT_EQ(dates("בשנת 1935", "heb"), V{"שנת 1935 => 1935"});
  EXPECT_EQ(dates("ב-13 במרץ 1943", "heb"), V{"13 במרץ 1943 => 1943-03-13"});
}

TEST(Dates, SpansAndRanges) {
  EXPECT_EQ(dates("entre os dias 3 e 5 de março de 1944"), V{"3 e 5 de março de 1944 => 1944-03-03/1944-03-05"});
  EXPECT_EQ(dates("from 1936 to 1939", "eng"), V{"1936 to 1939 => 1936/1939"});
  EXPECT_EQ(dates("Mendes (1885-1954) foi"), V{"1885-1954 => 1885/1954"});
  EXPECT_EQ(dates("Early May, late June 1943", "eng"), V{"Early May, late June 1943 => 1943-05/1943-06"});
  EXPECT_EQ(dates("vom 1. auf den 2. Oktober 1943", "deu"), V{"1. auf den 2. Oktober 1943 => 1943-10-01/1943-10-02"});
  EXPECT_EQ(dates("verão e outono de 1944"), V{"verão e outono de 1944 => 1944-22/1944-23"});
  EXPECT_EQ(dates("geboren 1912-?", "deu"), V{"1912-? => 1912/"});
}

TEST(Dates, YearFromContext) {
  const auto d = dates("Em junho de 1940 chegámos. A 26 de junho partimos.");
  EXPECT_EQ(d, (V{"junho de 1940 => 1940-06", "26 de junho => 1940-06-26"}));
}

TEST(Dates, NotDates) {
  EXPECT_EQ(dates("three weeks later, a few days after", "eng"), V{});
  EXPECT_EQ(dates("She may come. Des gens. Jan Karski", "eng"), V{});
  EXPECT_EQ(dates("4,000 people and 12 families", "eng"), V{});
  EXPECT_EQ(dates("", "eng"), V{});
}

// Found by fuzz/dates_fuzz: long digit runs (serial numbers, smudged tables) overflowed int.
TEST(Dates, LongDigitRunsAreNoDates) {
  const std::string run(40, '3');
  EXPECT_EQ(dates("on March 3rd, 1944 and " + run + "9228/1943", "eng"),
            (V{"March 3rd, 1944 => 1944-03-03", "1943 => 1943"}));
  EXPECT_EQ(dates("the " + run + "rd of May 1943", "eng"), V{"May 1943 => 1943-05"});
  EXPECT_EQ(dates("the " + run + "0s", "eng"), V{});
}

// A month name one letter off, only between a day and a year or as the second name of an
// Arabic pair whose first name is read.
TEST(Dates, OcrDamagedMonthNames) {
  EXPECT_EQ(dates("בין 24 ביולי ל-3 באונוסט 1940 כתב", "heb"), V{"24 ביולי ל-3 באונוסט 1940 => 1940-07-24/1940-08-03"});
  EXPECT_EQ(dates("وقد كرمته ياد فاشيم في أيلول /سبتمير 2013.", "ara"), V{"أيلول /سبتمير 2013 => 2013-09"});
  EXPECT_EQ(dates("am 3 Septenber 1943", "deu"), V{"3 Septenber 1943 => 1943-09-03"});
  EXPECT_EQ(dates("mit 3 Monaten 1943", "deu"), V{"1943 => 1943"});
  EXPECT_EQ(dates("kamen 12 Juden 1942 an", "deu"), V{"1942 => 1942"});
}

// Arabic and Hebrew write the day before the month: a number after a month is not its day.
TEST(Dates, NoDayAfterTheMonthInArabicAndHebrew) {
  EXPECT_EQ(dates("وفي ربيع عام 1943 نقلهم. وصلت قوات الحلفاء في أيار/مايو 3. واعترفت", "ara"),
            (V{"ربيع عام 1943 => 1943-21", "أيار/مايو => 1943-05"}));
  EXPECT_EQ(dates("في 7 أيار/مايو 1943", "ara"), V{"7 أيار/مايو 1943 => 1943-05-07"});
  EXPECT_EQ(dates("on May 9, 1943", "eng"), V{"May 9, 1943 => 1943-05-09"});
}

TEST(Dates, CliticsAndConstructForms) {
  EXPECT_EQ(dates("שהו בקובה בראשית 1941, בעזרת", "heb"), V{"ראשית 1941 => 1941"});
  EXPECT_EQ(dates("בסוף 1942", "heb"), V{"סוף 1942 => 1942"});
  EXPECT_EQ(dates("في ثلاثينيات القرن العشرين ضيقت", "ara"), V{"ثلاثينيات القرن العشرين => 193X"});
  EXPECT_EQ(dates("في الأربعينات", "ara"), V{"الأربعينات => 194X"});
}

// Feasts on a fixed day, with a year or after a preposition (year from context).
TEST(Dates, Feasts) {
  EXPECT_EQ(dates("In December 1944 we asked the Board to approve them before Christmas.", "eng"),
            (V{"December 1944 => 1944-12", "Christmas => 1944-12-25"}));
  EXPECT_EQ(dates("Weihnachten 1942 verbrachten wir", "deu"), V{"Weihnachten 1942 => 1942-12-25"});
  EXPECT_EQ(dates("en 1943, à Noël, ils", "fra"), (V{"1943 => 1943", "Noël => 1943-12-25"}));
  EXPECT_EQ(dates("no Natal de 1941"), V{"Natal de 1941 => 1941-12-25"});
  EXPECT_EQ(dates("Christmas presents in 1943", "eng"), V{"1943 => 1943"});
  EXPECT_EQ(dates("em 1943 fomos para Natal"), V{"1943 => 1943"});  // the city in Brazil
}

// "from the 5th to the 12th": two ordinal days take month and year from the date before.
TEST(Dates, OrdinalDaysFromContext) {
  EXPECT_EQ(dates("In September 1942, during the Szpera, for the whole week, from the 5th to the 12th, she hid.", "eng"),
            (V{"September 1942 => 1942-09", "5th to the 12th => 1942-09-05/1942-09-12"}));
  EXPECT_EQ(dates("from the 5th to the 12th", "eng"), V{});
  EXPECT_EQ(dates("In 1942 we moved from the 5th to the 12th floor.", "eng"), V{"1942 => 1942"});
}

// "Of the same year" in each language: the year of the date before, the phrase in the span.
TEST(Dates, TheSameYearSaidInWords) {
  EXPECT_EQ(dates("Em maio de 1940 partiram. No dia 21 de junho do mesmo ano chegaram."),
            (V{"maio de 1940 => 1940-05", "21 de junho do mesmo ano => 1940-06-21"}));
  EXPECT_EQ(dates("In March 1943 we left; in June of the same year he died.", "eng"),
            (V{"March 1943 => 1943-03", "June of the same year => 1943-06"}));
  EXPECT_EQ(dates("Am 3. Mai 1942 kamen wir. Am 12. Juni desselben Jahres starb er.", "deu"),
            (V{"3. Mai 1942 => 1942-05-03", "12. Juni desselben Jahres => 1942-06-12"}));
  EXPECT_EQ(dates("Dnia 3 maja 1946 r. Dnia 12 czerwca b.r. wyjechał.", "pol"),
            (V{"3 maja 1946 r. => 1946-05-03", "12 czerwca b.r. => 1946-06-12"}));
}

TEST(Dates, DutchSeasonWithVan) {
  EXPECT_EQ(dates("In het voorjaar van 1944 vluchtten wij.", "nld"), V{"voorjaar van 1944 => 1944-21"});
}

// Slovak and Czech months in the locative ("v septembri 1944", "v březnu 1939").
TEST(Dates, SlovakAndCzechLocativeMonths) {
  EXPECT_EQ(dates("V septembri 1944 sme utiekli.", "slk"), V{"septembri 1944 => 1944-09"});
  EXPECT_EQ(dates("V březnu 1939 přišli, v červenci 1942 odešli.", "ces"),
            (V{"březnu 1939 => 1939-03", "červenci 1942 => 1942-07"}));
}

// A day in "this month" or "last month" of the letter, in the words of each language: month
// and year from the date before (the letter's own); without one, no date.
TEST(Dates, DaysOfTheLettersMonth) {
  EXPECT_EQ(dates("Lisboa, 20 de Novembro de 1942. Detidos no dia 12 do corrente; a carta de 3 do mês passado."),
            (V{"20 de Novembro de 1942 => 1942-11-20", "12 do corrente => 1942-11-12",
               "3 do mês passado => 1942-10-03"}));
  EXPECT_EQ(dates("London, 5 January 1943. Your letters of the 2nd inst. and the 28th ult.", "eng"),
            (V{"5 January 1943 => 1943-01-05", "2nd inst. => 1943-01-02", "28th ult. => 1942-12-28"}));
  EXPECT_EQ(dates("Warszawa, 5 maja 1946 r. W dniu 2 b.m. przyjechał.", "pol"),
            (V{"5 maja 1946 r. => 1946-05-05", "2 b.m. => 1946-05-02"}));
  EXPECT_EQ(dates("Wien, 7. März 1939. Ihr Schreiben vom 3. d. M.", "deu"),
            (V{"7. März 1939 => 1939-03-07", "3. d. M. => 1939-03-03"}));
  EXPECT_EQ(dates("Paris, le 5 février 1943. Votre lettre du 30 courant.", "fra"),
            V{"5 février 1943 => 1943-02-05"});  // no 30 February
  EXPECT_EQ(dates("Votre lettre du 2 courant.", "fra"), V{});
}

// Birth and death dates and lifespans give no year to the dates after them unless nothing else does.
TEST(Dates, YearFromContextSkipsPersonalDates) {
  EXPECT_EQ(dates("Marseille, le 10 septembre 1942. Rachel, née le 9.III.1932, et Henri, né en 1934. "
                  "Leurs parents ont été transférés le 4 septembre.", "fra"),
            (V{"10 septembre 1942 => 1942-09-10", "9.III.1932 => 1932-03-09", "1934 => 1934",
               "4 septembre => 1942-09-04"}));
  EXPECT_EQ(dates("Em 1940, Aristides de Sousa Mendes (1885-1954) assinou vistos a 17 de junho."),
            (V{"1940 => 1940", "1885-1954 => 1885/1954", "17 de junho => 1940-06-17"}));
  EXPECT_EQ(dates("Nascido em 1920 em Lodz. A 3 de maio partiu."), (V{"1920 => 1920", "3 de maio => 1920-05-03"}));
  // The cue may stand a few words before the date, also before an OCR-damaged one whose year
  // alone is read; not across a comma or a sentence.
  EXPECT_EQ(dates("Em 1941: Miklós, n. 11.II1.1907, Budapeste, chegou a 3 de maio."),
            (V{"1941 => 1941", "1907 => 1907", "3 de maio => 1941-05-03"}));
  EXPECT_EQ(dates("In 1938 we left. She was born in Lodz in 1920. On 9 May we arrived.", "eng"),
            (V{"1938 => 1938", "1920 => 1920", "9 May => 1938-05-09"}));
  EXPECT_EQ(dates("In 1938 we left. She was born in Lodz, and in 1940 on 9 May we arrived.", "eng"),
            (V{"1938 => 1938", "1940 => 1940", "9 May => 1940-05-09"}));
}

// Tesseract returns the two years of "(1911-1997)" in an Arabic or Hebrew line reversed.
TEST(Dates, ReversedLifespanInRightToLeftText) {
  EXPECT_EQ(dates("ولد خالد عبد الوهاب (1997-1911) في أسرة", "ara"), V{"1997-1911 => 1911/1997"});
  EXPECT_EQ(dates("Mendes (1954-1885) foi"), (V{"1954 => 1954", "1885 => 1885"}));
}

// The document's languages are worked out once and kept with the document (Document::
// text_cache); the same document read again after its languages changed reads numeric dates
// in the new order: from the manifest's column, and from the words' recognition languages.
TEST(Dates, NumericOrderFollowsTheDocumentsLanguagesWhenTheyChange) {
  Document d;
  d.text = "em 3/4/1944";
  d.metadata["languages"] = "por";
  Context ctx;
  auto stage = make_dates();
  auto value = [&] {
    d.entities.clear();
    stage->process(d, ctx);
    return d.entities.size() == 1 ? d.entities[0].value : std::string("?");
  };
  EXPECT_EQ(value(), "1944-04-03");
  d.metadata["languages"] = "eng";
  EXPECT_EQ(value(), "1944-03-04");

  d.metadata = Json::object();  // no column: the words' languages decide
  Page p;
  p.begin_block({});
  p.begin_line({});
  for (const char* w : {"em", "3/4/1944"}) p.add_word({w, {0, 0, 1, 1}, 0.9f, "por", {}});
  d.pages.push_back(std::move(p));
  EXPECT_EQ(value(), "1944-04-03");
  Page q;
  q.begin_block({});
  q.begin_line({});
  for (const char* w : {"on", "the", "4th", "of", "March"}) q.add_word({w, {0, 0, 1, 1}, 0.9f, "eng", {}});
  d.pages.push_back(std::move(q));
  EXPECT_EQ(value(), "1944-03-04");  // more words read in English now
}

}  // namespace
}  // namespace testimony
