from bicorpus.check import find_near_duplicates, identify_language, language_contradicts, ranked_languages


def test_long_english_and_chinese_are_identified_by_cld2():
    english = identify_language("The committee met on Tuesday to discuss the budget for next year.")
    chinese = identify_language("委员会于星期二开会，讨论明年的预算安排。")
    assert (english.code, english.method) == ("en", "cld2")
    assert (chinese.code, chinese.method) == ("zh", "cld2")


def test_languages_of_other_scripts_get_current_iso_codes():
    assert identify_language("Der Ausschuss trat am Dienstag zusammen, um den Haushalt zu beraten.").code == "de"
    assert identify_language("東岸壁の新しいクレーンは三月に完成しました。").code == "ja"
    assert identify_language("國務院總理李強主持召開國務院常務會議。").code == "zh"  # CLD2: zh-Hant
    assert identify_language("הוועדה התכנסה ביום שלישי כדי לדון בתקציב לשנה הבאה.").code == "he"  # CLD2: iw


def test_short_strings_are_judged_by_script():
    assert identify_language("Sichuan").code == "und-Latn"
    assert identify_language("四川").code == "und-Hani"
    assert identify_language("2024-10-12 17:53").code == "und"


def test_identification_is_deterministic():
    text = "Reform and opening-up have been deepened across the board this year."
    assert len({identify_language(text) for _ in range(5)}) == 1


def test_text_cld2_declines_to_judge_is_judged_by_script():
    # Long enough for the identifier, too short for CLD2 to answer reliably.
    assert ranked_languages("First sentence.") == [] and ranked_languages("今天天气很好。") == []
    assert identify_language("First sentence.") == identify_language("Sichuan Heilongjiang Guangxi")
    assert (identify_language("First sentence.").code, identify_language("今天天气很好。").code) == ("und-Latn", "und-Hani")


def test_web_and_mail_addresses_are_no_evidence_of_english():
    assert ranked_languages("详情请访问https://www.example.cn/a/b.html。") == ["zh"]
    assert identify_language("请发邮件到harbour.master@example.org询问工程进度。").code == "zh"


def test_characters_cld2_refuses_are_passed_over():
    text = "The committee met\x00 on Tuesday to discuss the budget\x85 for next year\ufffe.\ud800"
    assert identify_language(text).code == "en"


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
    # langdetect, the identifier before CLD2, ranked Korean first on these Han-only sentences.
    for text in ("第二，以科技创新推动产业创新。", "第三，着力推进发展方式创新。"):
        assert identify_language(text).code == "zh"


def test_kanji_without_kana_is_never_taken_for_japanese():
    # CLD2 ranks Japanese alone for a headline of kanji; Japanese prose is never without kana.
    headline = "東京都知事選挙結果発表"
    assert ranked_languages(headline) == ["ja"]
    assert identify_language(headline).code == "und-Hani"


def test_korean_in_hangul_is_still_korean():
    assert identify_language("오늘 위원회는 내년 예산을 논의하기 위해 회의를 열었습니다.").code == "ko"
