#pragma once
// Icons embedded from resources/icons/png (rendered from the SVG sources by scripts/make_icons.sh).
#include <QIcon>
#include <QString>

namespace mindllm::ui::icons {

// ":/icons/<name>.png" as an icon; an unknown name gives a null icon (and a warning once).
QIcon get(const QString& name);

}  // namespace mindllm::ui::icons
