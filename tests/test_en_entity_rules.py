"""General English entity rules: nationality adjectives, reporting periods, people, organisations
named by their kind, pinyin places. Texts here are invented for the tests."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bicorpus.auto_entities import load_gazetteer
from bicorpus.lang import en, language

_GAZETTEER = load_gazetteer()


def spans(text: str) -> set[tuple[str, str]]:
    return {(text[c.start : c.end], c.label) for c in en.entity_candidates(text, 0, _GAZETTEER) if c.label}


def test_coordinated_nationality_adjectives_are_both_norp() -> None:
    found = spans("Analysts said Saudi and Emirati investors bought most of it.")
    assert ("Saudi", "NORP") in found and ("Emirati", "NORP") in found


def test_plural_of_an_i_adjective_names_people() -> None:
    assert ("Saudis", "NORP") in spans("The Saudis will bargain hard.")


def test_predicate_nationality_is_norp() -> None:
    assert ("Mongolian", "NORP") in spans("Most of the drivers are Mongolian, from the north.")


def test_reporting_periods_are_one_date() -> None:
    assert ("fiscal year 2024", "DATE") in spans("In fiscal year 2024, sales rose.")
    assert ("six months ended 30 June 2024", "DATE") in spans("In the six months ended 30 June 2024, sales rose.")
    assert ("last week of April", "DATE") in spans("Rain came in the last week of April.")


def test_person_after_reporting_verb_and_after_role_with_comma() -> None:
    assert ("Maria Kowalska", "PERSON") in spans('"It is cheap," said Maria Kowalska, a trader.')
    assert ("Sato Haruki", "PERSON") in spans("Its founder, Sato Haruki, will attend.")


def test_organisation_named_after_its_kind() -> None:
    assert ("Borealis Freight", "ORG") in spans("The deal with the Danish carrier Borealis Freight was signed.")


def test_pinyin_place_after_in_is_gpe_but_an_ordinary_word_is_not() -> None:
    assert ("Lishui", "GPE") in spans("We opened a plant in Lishui last year.")
    assert not any(label == "GPE" for _, label in spans("We invested in Research this year."))


def test_title_and_of_are_left_out_of_a_place() -> None:
    found = spans("Wang Ming, Vice Governor of Gansu Province, spoke.")
    assert ("Gansu Province", "GPE") in found


@given(
    st.sampled_from(["German", "Polish", "Japanese", "Brazilian", "Kenyan"]),
    st.sampled_from(["German", "Polish", "Japanese", "Brazilian", "Kenyan"]),
)
def test_any_pair_of_coordinated_adjectives_before_a_noun_is_norp(first: str, second: str) -> None:
    text = f"Some {first} and {second} buyers came."
    found = spans(text)
    assert (first, "NORP") in found and (second, "NORP") in found


def test_relative_english_dates_resolve_against_the_reference_day():
    reference = (2031, 3, 5)  # a Wednesday
    assert en.relative_date("last year", reference) == (2030, None, None, "")
    assert en.relative_date("a year earlier", reference) == (2030, None, None, "")
    assert en.relative_date("Tuesday", reference) == (2031, 3, 4, "")
    assert en.relative_date("Sept. 16", reference) == (2031, 9, 16, "")
    assert en.relative_date("next September", reference) == (2032, 9, None, "")
    assert en.relative_date("recent years", reference) is None
    assert en.relative_date("last year", None) == (None, None, None, "")


def test_reporting_periods_and_ranges_read_into_their_referents():
    assert en.relative_date("six months ended 30 June 2025", None) == (2025, 6, 30, "ended-6-months")
    assert en.relative_date("17 and 18 November", (2025, 11, 20)) == (2025, 11, 17, "to-11-18")
    assert en.relative_date("first ten months of this year", (2025, 11, 20)) == (2025, None, None, "first-10-months")
    assert en.relative_date("fiscal year 2025", None) == en.relative_date("2025", None) == (2025, None, None, "")


def test_counted_weekday_and_part_of_a_year_are_one_date() -> None:
    found = spans("The plant opened last Thursday and the next audit is due in early 2032.")
    assert ("last Thursday", "DATE") in found and ("early 2032", "DATE") in found
    assert ("Thursday", "DATE") not in found and ("2032", "DATE") not in found


def test_counted_weekdays_resolve_around_the_reference_day() -> None:
    reference = (2031, 3, 5)  # a Wednesday
    assert en.relative_date("last Thursday", reference) == (2031, 2, 27, "")
    assert en.relative_date("this Friday", reference) == (2031, 3, 7, "")
    assert en.relative_date("next Monday", reference) == (2031, 3, 10, "")


def test_day_month_range_and_year_ended_are_one_date() -> None:
    assert ("3 May to 19 June", "DATE") in spans("From 3 May to 19 June, trains ran late.")
    assert ("year ended 30 June 2030", "DATE") in spans("In the year ended 30 June 2030, costs fell.")
    assert en.relative_date("year ended 30 June 2030", None) == en.relative_date("twelve months ended 30 June 2030", None)


def test_amounts_in_other_currencies_and_units_are_money_and_quantity() -> None:
    found = spans("It paid 3.1 billion baht for a 2,400-volt line of 9-inch wafers.")
    assert {("3.1 billion baht", "MONEY"), ("2,400-volt", "QUANTITY"), ("9-inch", "QUANTITY")} <= found


def test_an_emission_amount_keeps_what_it_measures() -> None:
    assert ("4,100 tonnes of carbon dioxide", "QUANTITY") in spans("Output fell by 4,100 tonnes of carbon dioxide.")


def test_share_and_multiplier_before_the_are_one_cardinal() -> None:
    found = spans("One in four clients paid 30 times the price.")
    assert ("One in four", "CARDINAL") in found and ("30 times", "CARDINAL") in found


def test_surname_after_a_form_of_address_is_a_person_and_a_spokesperson_title_is_left_out() -> None:
    assert ("Okonkwo", "PERSON") in spans("Thank you, Ms Okonkwo, for the question.")
    found = spans("Spokesperson Liang Hemin answered questions.")
    assert ("Liang Hemin", "PERSON") in found


def test_centre_is_a_site_by_its_use_and_an_organisation_otherwise() -> None:
    found = spans("The Harbin Marine Robotics Centre and Quellford University met at the Dunmore Exhibition Centre.")
    assert ("Harbin Marine Robotics Centre", "ORG") in found and ("Quellford University", "ORG") in found
    assert ("Dunmore Exhibition Centre", "FAC") in found


def test_roads_holidays_and_long_law_titles_are_named() -> None:
    text = "On Labour Day, officials on West Lakeshore Road cited the Provisional Regulations on the Safety of Small Boats."
    found = spans(text)
    assert ("West Lakeshore Road", "FAC") in found and ("Labour Day", "EVENT") in found
    assert ("Provisional Regulations on the Safety of Small Boats", "LAW") in found


def test_a_sentence_opener_before_a_unit_word_is_no_place() -> None:
    assert not any(label == "GPE" for _, label in spans("The city has grown. The province will pay."))


@given(
    st.sampled_from(["Convention", "Exhibition", "Fulfilment", "Data"]),
    st.sampled_from(["Innovation", "Research", "Service"]),
)
def test_centre_label_depends_only_on_the_word_before_it(site: str, body: str) -> None:
    assert (f"Norvale {site} Centre", "FAC") in spans(f"We met at the Norvale {site} Centre today.")
    assert (f"Norvale {body} Centre", "ORG") in spans(f"We met at the Norvale {body} Centre today.")


def test_span_of_clock_times_and_clock_this_morning_are_one_time() -> None:
    assert ("7 a.m. to midnight", "TIME") in spans("Shops open from 7 a.m. to midnight.")
    assert ("nine o'clock this morning", "TIME") in spans("It rained at nine o'clock this morning.")


def test_pronoun_one_is_no_number_but_one_billion_is() -> None:
    found = spans("The best plan is the one farmers can afford; the one billion yuan fund helps.")
    assert ("one", "CARDINAL") not in found
    assert ("one billion yuan", "MONEY") in found


def test_chapter_number_is_ordinal_and_a_dozen_is_cardinal() -> None:
    found = spans("Chapter 7 lists a dozen plants at 18 degrees Celsius.")
    assert {("7", "ORDINAL"), ("a dozen", "CARDINAL"), ("18 degrees Celsius", "QUANTITY")} <= found


def test_decimal_before_a_hyphenated_data_unit_is_one_quantity() -> None:
    found = spans("Two makers showed 2.4-terabit modules and a 400-gigabit switch.")
    assert ("2.4-terabit", "QUANTITY") in found and ("400-gigabit", "QUANTITY") in found
    assert ("2", "CARDINAL") not in found


def test_minus_belongs_to_a_temperature() -> None:
    assert ("minus 30 degrees Celsius", "QUANTITY") in spans("Cars were tested at minus 30 degrees Celsius.")


def test_counted_first_days_and_quarters_are_one_date() -> None:
    assert ("first three quarters", "DATE") in spans("In the first three quarters sales rose.")
    assert ("first sixty days", "DATE") in spans("It sold well in its first sixty days.")
    assert ("a thousand years", "DATE") in spans("The town has made paper for a thousand years.")
    assert ("12 May next year", "DATE") in spans("The show opens on 12 May next year.")


def test_change_from_one_percentage_to_another_is_two_values() -> None:
    found = spans("Tariffs rose from 10% to 35% in May.")
    assert ("10%", "PERCENT") in found and ("35%", "PERCENT") in found
    assert ("8% to 9%", "PERCENT") in spans("Growth of 8% to 9% is expected.")


def test_night_and_midday_words_are_times_but_not_in_a_title() -> None:
    assert ("last night", "TIME") in spans("She told me last night that it sold out.")
    assert ("midday", "TIME") in spans("Shares were up at midday on Friday.")
    assert not any(label == "TIME" for _, label in spans('"Ten Minutes to Midnight", a documentary, opens soon.'))


def test_person_noun_of_a_nation_is_norp_and_accented_names_are_people() -> None:
    found = spans("Its chief financial officer Anders Bjørkström, a Dane who lives in Hefei, spoke.")
    assert ("Dane", "NORP") in found and ("Anders Bjørkström", "PERSON") in found


def test_reporter_naming_themself_after_outlet_label() -> None:
    assert ("Maria Lopez", "PERSON") in spans("El País: Maria Lopez, El País. When will you open?")


def test_show_is_an_event_and_oblast_a_place() -> None:
    assert ("Geneva International Motor Show", "EVENT") in spans("It shows the van at the Geneva International Motor Show.")
    assert ("Tomsk Oblast", "GPE") in spans("Oats come from Tomsk Oblast by rail.")


def test_european_company_forms_and_name_particles() -> None:
    assert ("De Vries Bouw B.V.", "ORG") in spans("It was built by the firm De Vries Bouw B.V. last year.")
    assert ("Shanghai Ruiguang Optics Co., Ltd.", "ORG") in spans("He heads Shanghai Ruiguang Optics Co., Ltd., a maker.")


def test_law_keeps_its_first_word_and_splits_from_an_issuing_organisation() -> None:
    assert ("General Customs Tax Law", "LAW") in spans("An amendment to the General Customs Tax Law is due.")
    found = spans("Since the Batteries and Waste Batteries Regulation of the European Union came into force, labels changed.")
    assert ("Batteries and Waste Batteries Regulation", "LAW") in found and ("European Union", "ORG") in found
    law = "Energy Law of the People's Republic of China"
    assert (law, "LAW") in spans(f"The {law} applies.")


def test_titles_of_works_and_ships() -> None:
    assert ("Rivers Under the Moon", "WORK_OF_ART") in spans('We will publish "Rivers Under the Moon", the memoir of a boatman.')
    assert ("Green Grids 2035", "WORK_OF_ART") in spans("It issued a white paper, Green Grids 2035, in May.")
    assert ("Pearl Voyager", "PRODUCT") in spans("The cars sail aboard the car carrier Pearl Voyager next week.")
    assert not any(label == "WORK_OF_ART" for _, label in spans('The plan aims at "Common Prosperity for All" by 2035.'))


def test_ranges_sharing_one_unit_are_one_value() -> None:
    assert ("30 billion to 32.5 billion yuan", "MONEY") in spans("It aims for 30 billion to 32.5 billion yuan in sales.")
    assert ("minus 18 to 6 degrees Celsius", "QUANTITY") in spans("Goods are kept from minus 18 to 6 degrees Celsius.")
    assert ("3 to 5 percent", "PERCENT") in spans("Prices rose from 3 to 5 percent.")
    assert ("4,200 TEU", "QUANTITY") in spans("Volumes rose to 4,200 TEU.")


def test_coordinated_nationality_with_a_count_between() -> None:
    assert ("German", "NORP") in spans("We tested it against four German and two Korean rivals.")


def test_organisations_after_plural_roles_and_numbered_works() -> None:
    assert ("Heron Capital", "ORG") in spans("Analysts at Heron Capital raised their target.")
    assert ("Changsha No. 3 Machine Works", "ORG") in spans("He spent ten years at the Changsha No. 3 Machine Works.")
    assert ("PT Sinar Bahari", "ORG") in spans("We signed with our partner PT Sinar Bahari in May.")


def test_brand_with_short_model_code_is_one_product() -> None:
    assert ("Nimbus X5", "PRODUCT") in spans("Most sales came from its Nimbus X5 sedan.")
    found = spans("Loaded KX-40R containers left Chengdu.")
    assert ("KX-40R", "PRODUCT") in found and ("Loaded KX-40R", "PRODUCT") not in found


def test_ordinal_opening_an_organisation_name_belongs_to_it() -> None:
    found = spans("She trained at the Third Naval Medical University in Xi'an.")
    assert ("Third Naval Medical University", "ORG") in found and ("Third", "ORDINAL") not in found
    assert ("first year", "DATE") in spans("2026 is the first year of the new plan.")


def test_branch_place_in_brackets_and_coordinated_banks() -> None:
    found = spans("Loans were arranged by Deutsche Pfandbank and Bank of China (Hong Kong) in May.")
    assert ("Bank of China (Hong Kong)", "ORG") in found and ("Deutsche Pfandbank", "ORG") in found
    assert ("Hong Kong", "GPE") not in found


def test_plural_owner_day_board_of_directors_and_bare_currency() -> None:
    assert ("Teachers' Day", "EVENT") in spans("Sales peak before Teachers' Day each year.")
    assert not spans("Board of Directors, Example Wind Power Equipment")
    assert ("US", "GPE") not in spans("Deposits held in US dollars rose.")


def test_name_read_again_after_opener_and_title() -> None:
    assert ("Grace Wanjiru", "PERSON") in spans("As Minister Grace Wanjiru told me, the plan works.")


def test_field_inside_an_of_phrase_is_one_name_and_shares_opener_is_stripped() -> None:
    name = "Jiangxi Provincial Department of Industry and Information Technology"
    assert (name, "ORG") in spans(f"I ask the {name} to report.")
    assert ("Lixin Microelectronics Co., Ltd.", "ORG") in spans("Shares of Lixin Microelectronics Co., Ltd. rose.")


def test_short_form_of_a_pinyin_name_is_its_surname() -> None:
    text = "Zhai Minxuan: Thank you. Director Zhai, please."
    names = [c for c in en.entity_candidates(text, 0, _GAZETTEER) if c.label == "PERSON"]
    assert [c.text for c in names] == ["Zhai Minxuan"]
    shorts = en.short_names(text, 0, names)
    assert [(c.text, c.key) for c in shorts] == [("Zhai", names[0].key)]


def test_amount_in_a_shared_currency_keeps_the_country_adjective() -> None:
    found = spans("The mill earned 40 billion Kenyan shillings and 2.5 trillion som.")
    assert ("40 billion Kenyan shillings", "MONEY") in found and ("2.5 trillion som", "MONEY") in found
    assert ("Kenyan", "NORP") not in found


def test_clock_time_in_words_is_one_time_and_a_share_is_not() -> None:
    assert ("half past seven", "TIME") in spans("We met at half past seven in the lobby.")
    assert not any(label == "TIME" for _, label in spans("Sales rose by a quarter to 41,000 units."))


def test_rate_after_a_measured_amount_is_no_date() -> None:
    found = spans("The plant makes 9,000 tonnes of liquid ammonia a year.")
    assert ("a year", "DATE") not in found


def test_quoted_title_after_a_genre_noun_is_a_work() -> None:
    assert ("Moon Over the Harbour", "WORK_OF_ART") in spans('The comedy "Moon Over the Harbour" opened on Friday.')


def test_new_area_and_theatre_and_climate_conference() -> None:
    assert ("Binhai New Area", "GPE") in spans("Firms in Binhai New Area grew.")
    assert ("Harbin Grand Theatre", "FAC") in spans("The show ran at the Harbin Grand Theatre for a week.")
    assert ("COP29", "EVENT") in spans("The plan was shown at COP29 in Baku.")


def test_base_of_a_firm_stands_outside_its_name() -> None:
    found = spans("Oslo-based Fjord Energy Holding will invest.")
    assert ("Fjord Energy Holding", "ORG") in found


def test_time_counted_back_from_now_leaves_out_ago() -> None:
    found = spans("Three years ago the hotels were empty; a year earlier they had closed.")
    assert ("Three years", "DATE") in found and ("Three years ago", "DATE") not in found
    assert ("a year earlier", "DATE") in found


def test_clock_time_with_half_of_day_is_one_time() -> None:
    assert ("9:15 in the evening", "TIME") in spans("The train leaves at 9:15 in the evening, on time.")


def test_range_of_part_months_and_of_multiples_is_one_span() -> None:
    assert ("early-May to late-July", "DATE") in spans("Planting runs from early-May to late-July in the hills.")
    assert ("four to five times", "CARDINAL") in spans("Rent here is four to five times as high as in town.")


def test_named_storm_is_an_event_without_its_strength() -> None:
    found = spans("Super Typhoon Marlow reached the coast as Cyclone Ebbe faded.")
    assert ("Typhoon Marlow", "EVENT") in found and ("Cyclone Ebbe", "EVENT") in found
    assert ("Super Typhoon Marlow", "EVENT") not in found


def test_company_named_by_its_trade_without_legal_form() -> None:
    found = spans("The order went to Dalmor Ferrow Shipbuilding last year.")
    assert ("Dalmor Ferrow Shipbuilding", "ORG") in found


def test_trade_company_of_a_city_leaves_the_city_out() -> None:
    found = spans("Six ships were ordered by Kestrel Car Logistics of Tromsø in May.")
    assert ("Kestrel Car Logistics", "ORG") in found
    assert not any(text.startswith("Kestrel") and "Tromsø" in text for text, _ in found)


def test_joined_heading_ending_in_a_trade_word_is_no_company() -> None:
    assert not any(label == "ORG" for _, label in spans("Water, Energy and Materials"))


def test_ampersand_joins_one_company_name() -> None:
    found = spans("Last year Brackley Property & Casualty Insurance Company Limited paid claims.")
    assert ("Brackley Property & Casualty Insurance Company Limited", "ORG") in found


def test_broadcaster_and_landforms() -> None:
    found = spans("Reporters from Corvina Television toured the Ostrava Peninsula and the Lumen Valley.")
    assert ("Corvina Television", "ORG") in found
    assert ("Ostrava Peninsula", "LOC") in found and ("Lumen Valley", "LOC") in found


def test_a_unit_cut_short_reads_as_no_measure_instead_of_failing() -> None:
    measures = language("en").measures
    assert measures is not None
    assert measures.read("1,320 degrees Celsiu") is None
    assert measures.read("1,320 degrees Celsius") is not None
