#include <catch2/catch.hpp>

#include "contagion/core/config.hpp"
#include "contagion/core/config_edit.hpp"
#include "contagion/core/error.hpp"

using namespace contagion;
using Catch::Matchers::Contains;

namespace {
const char* kScenario = R"(name = "s"  # a comment
seed = 3

[graph]
generator = "ring"
n = 10

[model]
type = "degroot"
)";
}

TEST_CASE("assigned keys replace values and keep the rest of the document") {
  const std::string text = assign_config_keys(kScenario, "s.toml", {{"graph.n", "20"}, {"seed", "7"}});
  const ConfigTable root = ConfigTable::parse_string(text, "edited");
  CHECK(root.integer("seed") == 7);
  CHECK(root.required_table("graph").integer("n") == 20);
  CHECK(root.required_table("graph").string("generator") == "ring");
  CHECK(root.string("name") == "s");
  CHECK(root.required_table("model").string("type") == "degroot");
}

TEST_CASE("assigned values keep their TOML type and bare words become strings") {
  const std::string text = assign_config_keys(kScenario, "s.toml",
                                              {{"model.epsilon", "0.25"},
                                               {"model.flag", "true"},
                                               {"graph.generator", "watts_strogatz"},
                                               {"model.list", "[1, 2]"},
                                               {"model.quoted", "\"a b\""},
                                               {"record.every", "5"}});
  const ConfigTable root = ConfigTable::parse_string(text, "edited");
  const ConfigTable model = root.required_table("model");
  CHECK(model.is_number("epsilon"));
  CHECK(model.number("epsilon") == 0.25);
  CHECK(model.boolean("flag", false));
  CHECK(model.integers("list") == std::vector<std::int64_t>{1, 2});
  CHECK(model.string("quoted") == "a b");
  CHECK(root.required_table("graph").string("generator") == "watts_strogatz");
  CHECK(root.required_table("record").integer("every") == 5);  // a missing table is created
}

TEST_CASE("bad assignments name the key") {
  CHECK_THROWS_WITH(assign_config_keys(kScenario, "s.toml", {{"name.x", "1"}}),
                    Contains("name in s.toml is not a table"));
  CHECK_THROWS_WITH(assign_config_keys(kScenario, "s.toml", {{"model..x", "1"}}), Contains("not a dotted key"));
  CHECK_THROWS_WITH(assign_config_keys(kScenario, "s.toml", {{"model.x", "1.2.3"}}), Contains("model.x"));
  CHECK_THROWS_WITH(assign_config_keys(kScenario, "s.toml", {{"model.x", "[1,"}}), Contains("model.x"));
  CHECK_THROWS_AS(assign_config_keys("a = [", "broken.toml", {}), Error);
  CHECK_THROWS_WITH(assign_config_keys("a = [", "broken.toml", {}), Contains("broken.toml"));
}
