#pragma once
// Canonical channel names from the names the export formats use: "AU12_r", "AU12 Evidence",
// "AU12", "Action Unit 12 - Lip Corner Puller" -> "AU12"; "Joy Evidence", "Happy",
// "happiness", "Joy" -> "joy"; AFFDEX expressions ("Smile") -> their FACS action unit.

#include <optional>
#include <string>
#include <string_view>

namespace contagion::facial {

/// "AU" + two digits for an action-unit number (1 -> "AU01", 45 -> "AU45").
std::string au_name(int number);
/// The action unit of a name such as "AU1", "AU01", "au12", "AU12_r"; nullopt otherwise.
std::optional<int> au_number(std::string_view name);
/// The canonical emotion for the names used by FACET, AFFDEX, FaceReader and Py-Feat
/// ("Joy", "Happy", "happiness" -> "joy"; "Angry" -> "anger"; "Scared" -> "fear" ...).
std::optional<std::string> emotion_name(std::string_view name);
/// The FACS action unit of an AFFDEX expression (FORMATS.md): "Smile" -> 12, "Brow Furrow" -> 4;
/// nullopt for expressions without one (Smirk).
std::optional<int> affdex_expression_au(std::string_view expression);

}  // namespace contagion::facial
