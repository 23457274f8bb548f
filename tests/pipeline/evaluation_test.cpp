// Entity scoring and baselines on hand-computed cases; evaluate() on a tiny gold/pred tree.
#include "pipeline/evaluation.hpp"

#include <fstream>

#include <gtest/gtest.h>

#include "pipeline/fs.hpp"
#include "tests/test_support.hpp"

namespace fs = std::filesystem;

namespace testimony {
namespace {

constexpr auto P = EntityType::kPerson;
constexpr auto L = EntityType::kPlace;
constexpr auto D = EntityType::kDate;

TEST(EntityScore, StrictMatchIgnoresCaseAndSpaces) {
  const auto s = score_entities({{P, 1, "Gisela  Weiss", "Gisela Weiss"}}, {{P, 1, "gisela weiss", "Gisela Weiss"}});
  EXPECT_EQ(s.strict.at(P).tp, 1);
  EXPECT_EQ(s.strict.at(P).fp, 0);
  EXPECT_EQ(s.value_correct.at(P), 1);
}

TEST(EntityScore, LenientWhenOneContainsTheOther) {
  const auto s = score_entities({{P, 1, "Regina (Rivka) Kahn", "Regina Kahn"}}, {{P, 1, "Regina", "Regina"}});
  EXPECT_EQ(s.strict.at(P).tp, 0);
  EXPECT_EQ(s.strict.at(P).fn, 1);
  EXPECT_EQ(s.strict.at(P).fp, 1);
  EXPECT_EQ(s.lenient.at(P).tp, 1);
  EXPECT_EQ(s.value_total.at(P), 1);
  EXPECT_EQ(s.value_correct.at(P), 0);
}

TEST(EntityScore, TypeAndPageMustAgree) {
  const auto s = score_entities({{L, 1, "Lisboa", "Lisbon"}}, {{P, 1, "Lisboa", ""}, {L, 2, "Lisboa", "Lisbon"}});
  EXPECT_EQ(s.strict.at(L).tp, 0);
  EXPECT_EQ(s.strict.at(L).fn, 1);
  EXPECT_EQ(s.strict.at(L).fp, 1);
  EXPECT_EQ(s.strict.at(P).fp, 1);
}

TEST(EntityScore, DuplicateMentionsAreAMultiset) {
  // Gold has "Lisboa" twice on the page; one prediction matches one of them.
  const auto s = score_entities({{L, 1, "Lisboa", "Lisbon"}, {L, 1, "Lisboa", "Lisbon"}}, {{L, 1, "Lisboa", "Lisbon"}});
  EXPECT_EQ(s.strict.at(L).tp, 1);
  EXPECT_EQ(s.strict.at(L).fn, 1);
  // Three predictions for two gold: one false positive.
  const auto t = score_entities({{L, 1, "Lisboa", "Lisbon"}, {L, 1, "Lisboa", "Lisbon"}},
                                {{L, 1, "Lisboa", "Lisbon"}, {L, 1, "Lisboa", "Lisbon"}, {L, 1, "Lisboa", "Lisbon"}});
  EXPECT_EQ(t.strict.at(L).tp, 2);
  EXPECT_EQ(t.strict.at(L).fp, 1);
}

TEST(EntityScore, PredictionWithNoGold) {
  const auto s = score_entities({}, {{D, 1, "1944", "1944"}});
  EXPECT_EQ(s.strict.at(D).fp, 1);
  EXPECT_DOUBLE_EQ(s.strict.at(D).precision(), 0.0);
  EXPECT_DOUBLE_EQ(s.strict.at(D).f1(), 0.0);
  // Nothing predicted, nothing expected: perfect, not undefined.
  EXPECT_DOUBLE_EQ(s.strict.at(P).f1(), 1.0);
}

TEST(EntityScore, DateValuesCompareExactly) {
  const auto s = score_entities({{D, 1, "3.III.1944", "1944-03-03"}}, {{D, 1, "3.III.1944", "1944-03"}});
  EXPECT_EQ(s.strict.at(D).tp, 1);
  EXPECT_EQ(s.value_correct.count(D) ? s.value_correct.at(D) : 0, 0);
  EXPECT_EQ(s.value_total.at(D), 1);
}

TEST(TypeCounts, PrecisionRecallF1) {
  TypeCounts c{3, 1, 2};
  EXPECT_DOUBLE_EQ(c.precision(), 0.75);
  EXPECT_DOUBLE_EQ(c.recall(), 0.6);
  EXPECT_NEAR(c.f1(), 2 * 0.75 * 0.6 / 1.35, 1e-12);
}

void write(const fs::path& p, const std::string& s) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << s;
}

TEST(Evaluate, PairsRecordsBySourcePathAndComparesWithBaseline) {
  test::TempDir tmp("eval");
  const fs::path gold = tmp.path() / "gold";
  write(gold / "c1" / "case.json", R"({"id":"c1","languages":["por"],"kind":"clean"})");
  write(gold / "c1" / "gold" / "page-0001.gt.txt", "Lisboa, 3 de março de 1944\n");
  write(gold / "c1" / "gold" / "entities.jsonl",
        "{\"type\":\"place\",\"page\":1,\"text\":\"Lisboa\",\"value\":\"Lisbon\"}\n"
        "{\"type\":\"date\",\"page\":1,\"text\":\"3 de março de 1944\",\"value\":\"1944-03-03\"}\n");
  write(gold / "holdout" / "c2" / "case.json", R"({"id":"c2","languages":["eng"],"kind":"clean"})");
  write(gold / "holdout" / "c2" / "gold" / "page-0001.gt.txt", "abcd\n");
  const Json rec = {{"source", {{"path", (gold / "c1").string()}}},
                    {"pages", Json::array({{{"text", "Lisboa, 3 de marco de 1944"}}})},
                    {"entities", Json::array({{{"type", "place"}, {"page", 1}, {"text", "Lisboa"}, {"value", "Lisbon"}},
                                              {{"type", "person"}, {"page", 1}, {"text", "Lisboa"}, {"value", ""}}})}};
  write(tmp.path() / "pred" / "records" / "c1.json", rec.dump());

  const EvalReport r = evaluate(gold, tmp.path() / "pred");
  EXPECT_EQ(r.missing, std::vector<std::string>{"holdout/c2"});
  // c1: one substitution in 26 code points; c2 missing: every character wrong.
  EXPECT_NEAR(r.metrics.at("case.c1.cer"), 1.0 / 26, 1e-6);
  EXPECT_DOUBLE_EQ(r.metrics.at("case.holdout/c2.cer"), 1.0);
  EXPECT_NEAR(r.metrics.at("cer"), 5.0 / 30, 1e-6);
  EXPECT_DOUBLE_EQ(r.metrics.at("entities.strict.f1.place"), 1.0);
  EXPECT_DOUBLE_EQ(r.metrics.at("entities.strict.f1.date"), 0.0);
  EXPECT_EQ(r.json["entities"]["all"]["strict"]["person"]["fp"], 1);

  Json baseline = make_baseline(r);
  EXPECT_TRUE(compare_with_baseline(r, baseline).empty());
  baseline["metrics"]["case.c1.cer"] = 0.0;  // pretend c1 used to be perfect
  baseline["metrics"]["entities.strict.f1.place"] = 1.0;
  const auto regs = compare_with_baseline(r, baseline);
  ASSERT_EQ(regs.size(), 1u);
  EXPECT_EQ(regs[0].metric, "case.c1.cer");
  baseline["metrics"]["gone.metric"] = 1.0;
  EXPECT_EQ(compare_with_baseline(r, baseline).size(), 2u);
}

TEST(Evaluate, EntityScoresPerKind) {
  test::TempDir tmp("eval-kind");
  const fs::path gold = tmp.path() / "gold";
  // c1 (clean): its place found; c2 (lower-res, a kind whose name contains "wer"): its date missed.
  write(gold / "c1" / "case.json", R"({"id":"c1","languages":["por"],"kind":"clean"})");
  write(gold / "c1" / "gold" / "page-0001.gt.txt", "Lisboa\n");
  write(gold / "c1" / "gold" / "entities.jsonl", "{\"type\":\"place\",\"page\":1,\"text\":\"Lisboa\",\"value\":\"Lisbon\"}\n");
  write(gold / "holdout" / "c2" / "case.json", R"({"id":"c2","languages":["eng"],"kind":"lower-res"})");
  write(gold / "holdout" / "c2" / "gold" / "page-0001.gt.txt", "in 1944\n");
  write(gold / "holdout" / "c2" / "gold" / "entities.jsonl", "{\"type\":\"date\",\"page\":1,\"text\":\"1944\",\"value\":\"1944\"}\n");
  const Json r1 = {{"source", {{"path", (gold / "c1").string()}}},
                   {"pages", Json::array({{{"text", "Lisboa"}}})},
                   {"entities", Json::array({{{"type", "place"}, {"page", 1}, {"text", "Lisboa"}, {"value", "Lisbon"}}})}};
  const Json r2 = {{"source", {{"path", (gold / "holdout" / "c2").string()}}},
                   {"pages", Json::array({{{"text", "in 1944"}}})},
                   {"entities", Json::array()}};
  write(tmp.path() / "pred" / "records" / "c1.json", r1.dump());
  write(tmp.path() / "pred" / "records" / "c2.json", r2.dump());

  const EvalReport r = evaluate(gold, tmp.path() / "pred");
  EXPECT_DOUBLE_EQ(r.metrics.at("kind.clean.strict.f1.place"), 1.0);
  EXPECT_DOUBLE_EQ(r.metrics.at("kind.clean.strict.f1.all"), 1.0);
  EXPECT_DOUBLE_EQ(r.metrics.at("kind.lower-res.strict.f1.date"), 0.0);
  EXPECT_EQ(r.metrics.count("kind.clean.strict.f1.date"), 0u);  // no gold date in clean cases
  EXPECT_EQ(r.metrics.count("kind.clean.value_accuracy.place"), 0u);
  EXPECT_EQ(r.json["entity_kinds"]["clean"]["cases"], 1);
  EXPECT_EQ(r.json["entity_kinds"]["lower-res"]["strict"]["date"]["fn"], 1);
  EXPECT_EQ(r.json["entity_kinds"]["clean"]["value_accuracy"]["place"]["correct"], 1);
  // Existing names are unchanged.
  EXPECT_DOUBLE_EQ(r.metrics.at("entities.main.strict.f1.place"), 1.0);
  EXPECT_DOUBLE_EQ(r.metrics.at("kind.clean.cer"), 0.0);
  const std::string md = r.markdown();
  EXPECT_NE(md.find("## Entities by kind"), std::string::npos);
  EXPECT_NE(md.find("| clean | 1 | 1.000 (0) | 1.000 (1) |"), std::string::npos) << md;
  EXPECT_NE(r.table().find("kind lower-res"), std::string::npos);

  // A baseline without per-kind metrics compares only what it has.
  Json baseline = make_baseline(r);
  std::vector<std::string> per_kind;
  for (const auto& [name, v] : baseline["metrics"].items())
    if (name.rfind("kind.", 0) == 0 && name.find(".f1.") != std::string::npos) per_kind.push_back(name);
  for (const auto& name : per_kind) baseline["metrics"].erase(name);
  EXPECT_TRUE(compare_with_baseline(r, baseline).empty());
  // F1 is higher-is-better even when the kind's name contains "wer"; CER stays lower-is-better.
  baseline["metrics"]["kind.lower-res.strict.f1.date"] = 0.5;
  baseline["metrics"]["kind.lower-res.cer"] = 0.0;
  const auto regs = compare_with_baseline(r, baseline);
  ASSERT_EQ(regs.size(), 1u);
  EXPECT_EQ(regs[0].metric, "kind.lower-res.strict.f1.date");
  baseline["metrics"]["kind.lower-res.strict.f1.date"] = 0.0;
  baseline["metrics"]["kind.lower-res.cer"] = -0.5;
  ASSERT_EQ(compare_with_baseline(r, baseline).size(), 1u);
  EXPECT_EQ(compare_with_baseline(r, baseline)[0].metric, "kind.lower-res.cer");
}

}  // namespace
}  // namespace testimony
