// Subject tables transcribed from the benchmarks' own repositories: C-Eval subject_mapping.json,
// CMMLU src/categories.py (name_en2zh, subcategories, categories), MMLU categories.py.
#include "training/eval/subject_catalog.h"

#include <map>

namespace mindllm::eval {
namespace {

struct Entry {
  const char* name;
  const char* category;
};

const std::map<std::string, Entry>& cevalTable() {
  static const std::map<std::string, Entry> table = {
      {"computer_network", {"计算机网络", "STEM"}},
      {"operating_system", {"操作系统", "STEM"}},
      {"computer_architecture", {"计算机组成", "STEM"}},
      {"college_programming", {"大学编程", "STEM"}},
      {"college_physics", {"大学物理", "STEM"}},
      {"college_chemistry", {"大学化学", "STEM"}},
      {"advanced_mathematics", {"高等数学", "STEM"}},
      {"probability_and_statistics", {"概率统计", "STEM"}},
      {"discrete_mathematics", {"离散数学", "STEM"}},
      {"electrical_engineer", {"注册电气工程师", "STEM"}},
      {"metrology_engineer", {"注册计量师", "STEM"}},
      {"high_school_mathematics", {"高中数学", "STEM"}},
      {"high_school_physics", {"高中物理", "STEM"}},
      {"high_school_chemistry", {"高中化学", "STEM"}},
      {"high_school_biology", {"高中生物", "STEM"}},
      {"middle_school_mathematics", {"初中数学", "STEM"}},
      {"middle_school_biology", {"初中生物", "STEM"}},
      {"middle_school_physics", {"初中物理", "STEM"}},
      {"middle_school_chemistry", {"初中化学", "STEM"}},
      {"veterinary_medicine", {"兽医学", "STEM"}},
      {"college_economics", {"大学经济学", "Social Science"}},
      {"business_administration", {"工商管理", "Social Science"}},
      {"marxism", {"马克思主义基本原理", "Social Science"}},
      {"mao_zedong_thought", {"毛泽东思想和中国特色社会主义理论体系概论", "Social Science"}},
      {"education_science", {"教育学", "Social Science"}},
      {"teacher_qualification", {"教师资格", "Social Science"}},
      {"high_school_politics", {"高中政治", "Social Science"}},
      {"high_school_geography", {"高中地理", "Social Science"}},
      {"middle_school_politics", {"初中政治", "Social Science"}},
      {"middle_school_geography", {"初中地理", "Social Science"}},
      {"modern_chinese_history", {"近代史纲要", "Humanities"}},
      {"ideological_and_moral_cultivation", {"思想道德修养与法律基础", "Humanities"}},
      {"logic", {"逻辑学", "Humanities"}},
      {"law", {"法学", "Humanities"}},
      {"chinese_language_and_literature", {"中国语言文学", "Humanities"}},
      {"art_studies", {"艺术学", "Humanities"}},
      {"professional_tour_guide", {"导游资格", "Humanities"}},
      {"legal_professional", {"法律职业资格", "Humanities"}},
      {"high_school_chinese", {"高中语文", "Humanities"}},
      {"high_school_history", {"高中历史", "Humanities"}},
      {"middle_school_history", {"初中历史", "Humanities"}},
      {"civil_servant", {"公务员", "Other"}},
      {"sports_science", {"体育学", "Other"}},
      {"plant_protection", {"植物保护", "Other"}},
      {"basic_medicine", {"基础医学", "Other"}},
      {"clinical_medicine", {"临床医学", "Other"}},
      {"urban_and_rural_planner", {"注册城乡规划师", "Other"}},
      {"accountant", {"注册会计师", "Other"}},
      {"fire_engineer", {"注册消防工程师", "Other"}},
      {"environmental_impact_assessment_engineer", {"环境影响评价工程师", "Other"}},
      {"tax_accountant", {"税务师", "Other"}},
      {"physician", {"医师资格", "Other"}},
  };
  return table;
}

// CMMLU: subject -> (Chinese name, subcategory list); subcategories map to the five categories.
struct CmmluEntry {
  const char* name;
  std::vector<const char*> subcategories;
};

const std::map<std::string, CmmluEntry>& cmmluTable() {
  static const std::map<std::string, CmmluEntry> table = {
      {"agronomy", {"农学", {"other"}}},
      {"anatomy", {"解剖学", {"biology"}}},
      {"ancient_chinese", {"古汉语", {"linguistics", "china specific"}}},
      {"arts", {"艺术学", {"arts"}}},
      {"astronomy", {"天文学", {"physics"}}},
      {"business_ethics", {"商业伦理", {"business"}}},
      {"chinese_civil_service_exam", {"中国公务员考试", {"politics", "china specific"}}},
      {"chinese_driving_rule", {"中国驾驶规则", {"other", "china specific"}}},
      {"chinese_food_culture", {"中国饮食文化", {"culture", "china specific"}}},
      {"chinese_foreign_policy", {"中国外交政策", {"politics", "china specific"}}},
      {"chinese_history", {"中国历史", {"history", "china specific"}}},
      {"chinese_literature", {"中国文学", {"literature", "china specific"}}},
      {"chinese_teacher_qualification", {"中国教师资格", {"education", "china specific"}}},
      {"clinical_knowledge", {"临床知识", {"other"}}},
      {"college_actuarial_science", {"大学精算学", {"math"}}},
      {"college_education", {"大学教育学", {"education"}}},
      {"college_engineering_hydrology", {"大学工程水文学", {"engineering"}}},
      {"college_law", {"大学法律", {"law"}}},
      {"college_mathematics", {"大学数学", {"math"}}},
      {"college_medical_statistics", {"大学医学统计", {"statistics"}}},
      {"college_medicine", {"大学医学", {"other"}}},
      {"computer_science", {"计算机科学", {"computer science"}}},
      {"computer_security", {"计算机安全", {"other"}}},
      {"conceptual_physics", {"概念物理学", {"physics"}}},
      {"construction_project_management", {"建设工程管理", {"other", "china specific"}}},
      {"economics", {"经济学", {"economics"}}},
      {"education", {"教育学", {"education"}}},
      {"electrical_engineering", {"电气工程", {"engineering"}}},
      {"elementary_chinese", {"小学语文", {"linguistics", "china specific"}}},
      {"elementary_commonsense", {"小学常识", {"other", "china specific"}}},
      {"elementary_information_and_technology", {"小学信息技术", {"other"}}},
      {"elementary_mathematics", {"初等数学", {"math"}}},
      {"ethnology", {"民族学", {"culture", "china specific"}}},
      {"food_science", {"食品科学", {"other"}}},
      {"genetics", {"遗传学", {"biology"}}},
      {"global_facts", {"全球事实", {"global"}}},
      {"high_school_biology", {"高中生物", {"biology"}}},
      {"high_school_chemistry", {"高中化学", {"chemistry"}}},
      {"high_school_geography", {"高中地理", {"geography"}}},
      {"high_school_mathematics", {"高中数学", {"math"}}},
      {"high_school_physics", {"高中物理学", {"physics"}}},
      {"high_school_politics", {"高中政治", {"politics", "china specific"}}},
      {"human_sexuality", {"人类性行为", {"other"}}},
      {"international_law", {"国际法学", {"law"}}},
      {"journalism", {"新闻学", {"sociology"}}},
      {"jurisprudence", {"法理学", {"law"}}},
      {"legal_and_moral_basis", {"法律与道德基础", {"other"}}},
      {"logical", {"逻辑学", {"philosophy"}}},
      {"machine_learning", {"机器学习", {"computer science"}}},
      {"management", {"管理学", {"business"}}},
      {"marketing", {"市场营销", {"business"}}},
      {"marxist_theory", {"马克思主义理论", {"philosophy"}}},
      {"modern_chinese", {"现代汉语", {"linguistics", "china specific"}}},
      {"nutrition", {"营养学", {"other"}}},
      {"philosophy", {"哲学", {"philosophy"}}},
      {"professional_accounting", {"专业会计", {"business"}}},
      {"professional_law", {"专业法学", {"law"}}},
      {"professional_medicine", {"专业医学", {"other"}}},
      {"professional_psychology", {"专业心理学", {"psychology"}}},
      {"public_relations", {"公共关系", {"politics"}}},
      {"security_study", {"安全研究", {"politics"}}},
      {"sociology", {"社会学", {"culture"}}},
      {"sports_science", {"体育学", {"other"}}},
      {"traditional_chinese_medicine", {"中医中药", {"other", "china specific"}}},
      {"virology", {"病毒学", {"biology"}}},
      {"world_history", {"世界历史", {"history"}}},
      {"world_religions", {"世界宗教", {"global"}}},
  };
  return table;
}

const std::map<std::string, std::string>& cmmluCategoryOfSubcategory() {
  static const std::map<std::string, std::string> table = {
      {"physics", "STEM"},           {"chemistry", "STEM"},         {"biology", "STEM"},
      {"computer science", "STEM"},  {"math", "STEM"},              {"engineering", "STEM"},
      {"statistics", "STEM"},        {"history", "Humanities"},     {"philosophy", "Humanities"},
      {"law", "Humanities"},         {"arts", "Humanities"},        {"literature", "Humanities"},
      {"global", "Humanities"},      {"linguistics", "Social Science"}, {"business", "Social Science"},
      {"politics", "Social Science"}, {"culture", "Social Science"}, {"economics", "Social Science"},
      {"geography", "Social Science"}, {"psychology", "Social Science"}, {"education", "Social Science"},
      {"sociology", "Social Science"}, {"other", "Other"},          {"china specific", "China specific"},
  };
  return table;
}

// MMLU: subject -> subcategory; subcategories map to STEM / humanities / social sciences / other.
const std::map<std::string, std::string>& mmluTable() {
  static const std::map<std::string, std::string> table = {
      {"abstract_algebra", "math"},
      {"anatomy", "health"},
      {"astronomy", "physics"},
      {"business_ethics", "business"},
      {"clinical_knowledge", "health"},
      {"college_biology", "biology"},
      {"college_chemistry", "chemistry"},
      {"college_computer_science", "computer science"},
      {"college_mathematics", "math"},
      {"college_medicine", "health"},
      {"college_physics", "physics"},
      {"computer_security", "computer science"},
      {"conceptual_physics", "physics"},
      {"econometrics", "economics"},
      {"electrical_engineering", "engineering"},
      {"elementary_mathematics", "math"},
      {"formal_logic", "philosophy"},
      {"global_facts", "other"},
      {"high_school_biology", "biology"},
      {"high_school_chemistry", "chemistry"},
      {"high_school_computer_science", "computer science"},
      {"high_school_european_history", "history"},
      {"high_school_geography", "geography"},
      {"high_school_government_and_politics", "politics"},
      {"high_school_macroeconomics", "economics"},
      {"high_school_mathematics", "math"},
      {"high_school_microeconomics", "economics"},
      {"high_school_physics", "physics"},
      {"high_school_psychology", "psychology"},
      {"high_school_statistics", "math"},
      {"high_school_us_history", "history"},
      {"high_school_world_history", "history"},
      {"human_aging", "health"},
      {"human_sexuality", "culture"},
      {"international_law", "law"},
      {"jurisprudence", "law"},
      {"logical_fallacies", "philosophy"},
      {"machine_learning", "computer science"},
      {"management", "business"},
      {"marketing", "business"},
      {"medical_genetics", "health"},
      {"miscellaneous", "other"},
      {"moral_disputes", "philosophy"},
      {"moral_scenarios", "philosophy"},
      {"nutrition", "health"},
      {"philosophy", "philosophy"},
      {"prehistory", "history"},
      {"professional_accounting", "other"},
      {"professional_law", "law"},
      {"professional_medicine", "health"},
      {"professional_psychology", "psychology"},
      {"public_relations", "politics"},
      {"security_studies", "politics"},
      {"sociology", "culture"},
      {"us_foreign_policy", "politics"},
      {"virology", "health"},
      {"world_religions", "philosophy"},
  };
  return table;
}

std::string mmluCategory(const std::string& subcategory) {
  static const std::map<std::string, std::string> table = {
      {"physics", "STEM"},         {"chemistry", "STEM"},          {"biology", "STEM"},
      {"computer science", "STEM"}, {"math", "STEM"},               {"engineering", "STEM"},
      {"history", "humanities"},   {"philosophy", "humanities"},   {"law", "humanities"},
      {"politics", "social sciences"}, {"culture", "social sciences"}, {"economics", "social sciences"},
      {"geography", "social sciences"}, {"psychology", "social sciences"}, {"other", "other (business, health, misc.)"},
      {"business", "other (business, health, misc.)"}, {"health", "other (business, health, misc.)"},
  };
  auto it = table.find(subcategory);
  return it == table.end() ? "other (business, health, misc.)" : it->second;
}

// "high_school_physics" -> "high school physics" (MMLU's own prompt spelling).
std::string spacedKey(const std::string& key) {
  std::string s = key;
  for (auto& c : s)
    if (c == '_') c = ' ';
  return s;
}

}  // namespace

SubjectInfo cevalSubject(const std::string& key) {
  auto it = cevalTable().find(key);
  if (it == cevalTable().end()) return {key, spacedKey(key), {"Other"}};
  return {key, it->second.name, {it->second.category}};
}

SubjectInfo cmmluSubject(const std::string& key) {
  auto it = cmmluTable().find(key);
  if (it == cmmluTable().end()) return {key, spacedKey(key), {"Other"}};
  SubjectInfo info{key, it->second.name, {}};
  for (const char* sub : it->second.subcategories) {
    const std::string& category = cmmluCategoryOfSubcategory().at(sub);
    bool seen = false;
    for (const auto& c : info.categories) seen = seen || c == category;
    if (!seen) info.categories.push_back(category);
  }
  return info;
}

SubjectInfo mmluSubject(const std::string& key) {
  auto it = mmluTable().find(key);
  return {key, spacedKey(key), {mmluCategory(it == mmluTable().end() ? "other" : it->second)}};
}

size_t cevalSubjectCount() { return cevalTable().size(); }
size_t cmmluSubjectCount() { return cmmluTable().size(); }
size_t mmluSubjectCount() { return mmluTable().size(); }

}  // namespace mindllm::eval
