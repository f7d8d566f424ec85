from bicorpus.check import find_near_duplicates, identify_language, language_contradicts


def test_long_english_and_chinese_are_identified_by_langdetect():
    english = identify_language("The committee met on Tuesday to discuss the budget for next year.")
    chinese = identify_language("委员会于星期二开会，讨论明年的预算安排。")
    assert (english.code, english.method) == ("en", "langdetect")
    assert (chinese.code, chinese.method) == ("zh", "langdetect")


def test_short_strings_are_judged_by_script():
    assert identify_language("Sichuan").code == "und-Latn"
    assert identify_language("四川").code == "und-Hani"
    assert identify_language("2024-10-12 17:53").code == "und"


def test_identification_is_deterministic():
    text = "Reform and opening-up have been deepened across the board this year."
    assert len({identify_language(text) for _ in range(5)}) == 1


def test_script_guess_contradicts_only_the_other_script():
    assert not language_contradicts("und-Latn", "en")
    assert language_contradicts("und-Latn", "zh")
    assert language_contradicts("und-Hani", "en")
    assert not language_contradicts("und", "zh")
    assert language_contradicts("fr", "en")


def test_near_duplicate_with_one_changed_word_points_to_the_earlier_paragraph():
    first = "The purpose is to integrate the study of the report with the work plan for the coming year and beyond."
    texts = ["Title", first, "Something else entirely, about harbours and ships.", first.replace("integrate", "combine")]
    assert find_near_duplicates(texts) == [None, None, None, 1]


def test_chinese_near_duplicates_are_found_and_distinct_paragraphs_are_not():
    a = "今年港口接待的船舶数量创历史新高，货物吞吐量增长百分之十二，东码头新起重机已建成。"
    b = a.replace("建成", "完工")
    assert find_near_duplicates([a, "航道疏浚工程将于明年春季开工，工期两年。", b]) == [None, None, 0]


def test_han_only_text_is_never_taken_for_korean():
    # langdetect alone ranks Korean first on these Han-only sentences.
    for text in ("第二，以科技创新推动产业创新。", "第三，着力推进发展方式创新。"):
        assert identify_language(text).code == "zh"


def test_korean_in_hangul_is_still_korean():
    assert identify_language("오늘 위원회는 내년 예산을 논의하기 위해 회의를 열었습니다.").code == "ko"
