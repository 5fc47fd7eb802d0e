#pragma once
// Small classic real networks, compiled in (no data file to find at run time), each with
// its source and its ground truth as node attributes.

#include <array>
#include <string_view>

#include "contagion/sim/graph.hpp"

namespace contagion::sim {

/// Zachary's karate club: W. W. Zachary (1977), "An information flow model for conflict and
/// fission in small groups", Journal of Anthropological Research 33(4):452-473.
/// 34 members and the 78 friendships observed outside the club's meetings, undirected. Node v
/// is Zachary's member v + 1 (node 0 the instructor, "Mr. Hi"; node 33 the administrator,
/// "John A."), as in NetworkX's karate_club_graph(). The weight (and so the default tie
/// strength) of an edge is the number of contexts in which the two interacted (Zachary's
/// matrix C, 1..7). Node attributes "club" and "block" both hold the faction each member
/// joined after the split, as NetworkX has it: 0 = 'Mr. Hi' (17 members), 1 = 'Officer' (17).
Graph karate_club();

/// The faction names of karate_club(), indexed by its "club" attribute.
inline constexpr std::array<std::string_view, 2> kKarateClubs = {"Mr. Hi", "Officer"};

}  // namespace contagion::sim
