from factwire.entities import discover


def found(text):
    return [(d.name, d.type, d.id) for d in discover(text)]


def test_people_by_title_birth_year_role_and_speech():
    assert found("Chairman Zhou Hongwei spoke.") == [("Zhou Hongwei", "person", "new:zhou-hongwei")]
    assert found("Wang Hua, born in 1979, joined in 2015.")[0][:2] == ("Wang Hua", "person")
    assert found("Priya Raman, chief executive of the bank, resigned.")[0][:2] == ("Priya Raman", "person")
    assert found("Analyst Zhang Wenqiang said so.")[0][:2] == ("Zhang Wenqiang", "person")
    assert found("the driver, Deng Moumou, died")[0][:2] == ("Deng Moumou", "person")


def test_companies_and_organisations_by_their_last_word():
    assert found("shares of Hengda Robotics Holdings rose") == [
        ("Hengda Robotics Holdings", "company", "new:hengda-robotics-holdings"),
    ]
    assert found("the Jiangsu Provincial Transport Bureau said")[0][:2] == (
        "Jiangsu Provincial Transport Bureau", "organisation",
    )


def test_generic_phrases_are_not_names():
    assert found("the PR Department and the Marketing Department") == []
    assert found("The Group said") == []
