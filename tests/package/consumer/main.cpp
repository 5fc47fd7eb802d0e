// A downstream project: find_package(contagion), link the targets, run one DeGroot step.
#include <contagion/sim/averaging.hpp>
#include <contagion/sim/generators.hpp>
#include <contagion/store/run_store.hpp>

#include <cstdio>

int main() {
  using namespace contagion::sim;
  const Graph g = complete_graph(10);
  DeGroot model(InfluenceMatrix(g, InfluenceSpec{}));
  std::vector<double> x(10);
  for (int i = 0; i < 10; ++i) x[i] = i;
  model.reset(x);
  model.step({0, 0, 0, 1});
  std::printf("%.3f %s\n", model.state()[0], contagion::store::graph_content_id(g.arrays()).c_str());
  return model.state()[0] == 4.5 ? 0 : 1;  // consensus on the mean after one step
}
