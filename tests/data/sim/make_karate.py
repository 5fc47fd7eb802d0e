#!/usr/bin/python3
"""Reference data for Zachary's karate club, from NetworkX's karate_club_graph().

Source of the network: W. W. Zachary (1977), "An information flow model for conflict and
fission in small groups", Journal of Anthropological Research 33(4):452-473. 34 members,
78 friendships; the edge weight is the number of contexts in which the two interacted
(Zachary's matrix C); `club` is the faction each member joined after the split
('Mr. Hi' or 'Officer'), as NetworkX has it.

Writes karate_edges.csv (u,v,weight; NetworkX node ids 0..33) and karate_club.csv
(node,club) beside this script; tests/sim/test_classic_networks.cpp checks the table
compiled into sim/src/classic_networks.cpp against them. With --cpp, prints that table.

Run with Debian's python3 and python3-networkx:  /usr/bin/python3 make_karate.py [--cpp]
"""
import os
import sys

import networkx as nx

HEADER = ("# Zachary's karate club, from networkx {} karate_club_graph().\n"
          "# Zachary (1977), J. Anthropol. Res. 33:452-473. Written by make_karate.py.\n")


def main():
    g = nx.karate_club_graph()
    assert g.number_of_nodes() == 34 and g.number_of_edges() == 78
    edges = sorted((min(u, v), max(u, v), int(d["weight"])) for u, v, d in g.edges(data=True))
    clubs = [g.nodes[v]["club"] for v in range(34)]
    if "--cpp" in sys.argv:
        for k in range(0, len(edges), 6):
            print(" ".join("{{{}, {}, {}}},".format(*e) for e in edges[k:k + 6]))
        print("// Officer: " + ", ".join(str(v) for v in range(34) if clubs[v] == "Officer"))
        return
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "karate_edges.csv"), "w") as f:
        f.write(HEADER.format(nx.__version__))
        f.write("u,v,weight\n")
        for u, v, w in edges:
            f.write(f"{u},{v},{w}\n")
    with open(os.path.join(here, "karate_club.csv"), "w") as f:
        f.write(HEADER.format(nx.__version__))
        f.write("node,club\n")
        for v in range(34):
            f.write(f"{v},{clubs[v]}\n")


if __name__ == "__main__":
    main()
