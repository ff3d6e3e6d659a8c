"""Site notices that read like prose (`cleaner.notices`)."""

from __future__ import annotations

from dataclasses import fields

import cleaner
from cleaner.notices import KINDS, NOTICE_MIN_KINDS, STEM_KEY, notice_kinds
from cleaner.rules import Language, language_words

from articles import HEADLINE, P1, P2, P3

# Invented notices in the shape of consent, newsletter and comment-rules boxes.
NOTICES = {
    "en": ["By entering your email address you agree that we may send you our weekly newsletter; "
           "you can unsubscribe at any time via the link in each issue.",
           "Comments are moderated before they appear on the website, and we do not publish your data."],
    "de": ["Mit der Anmeldung zum Newsletter willigen Sie ein, dass wir Ihre E-Mail-Adresse speichern; "
           "die Einwilligung können Sie jederzeit widerrufen.",
           "Wir verwenden Cookies, um unsere Webseite zu verbessern, und geben keine Daten an Dritte weiter."],
    "fr": ["En vous inscrivant à notre newsletter, vous acceptez que votre adresse e-mail soit utilisée "
           "conformément à notre politique de confidentialité.",
           "Nous utilisons des cookies pour mesurer l'audience de ce site web et vos données restent protégées."],
    "es": ["Al suscribirte al boletín aceptas nuestra política de privacidad y puedes darte de baja "
           "en cualquier momento desde el correo que recibes.",
           "Los comentarios son moderados y los datos que nos facilites no se publicarán en el sitio web."],
}


def test_notices_inside_an_article_page_go_in_every_language() -> None:
    for language, notices in NOTICES.items():
        article = cleaner.clean("\n".join([HEADLINE, P1, P2, notices[0], P3, notices[1]]))
        assert article.body == (P1, P2, P3), language
        removed = {r.text: r.rule for r in article.removed}
        assert [removed.get(n) for n in notices] == ["site-notice", "site-notice"], language


def test_an_article_naming_one_or_two_kinds_stays() -> None:
    # An article on data, newsletters or cookies names some site words, but not three kinds in one line.
    lines = ["The bakery's newsletter now reaches four thousand readers, the owner said with some pride.",
             "Regulators fined the company after it kept customer data for longer than the law allows."]
    for line in lines:
        assert notice_kinds(line) < NOTICE_MIN_KINDS
        article = cleaner.clean("\n".join([HEADLINE, P1, P2, line, P3]))
        assert line in article.body


def test_a_page_that_is_itself_a_notice_keeps_its_text() -> None:
    # A privacy policy: the notices outweigh the other prose, so the page is about them and stays.
    policy = [NOTICES["en"][0], NOTICES["en"][1],
              "We store your email address and the data of your account on servers in the EU and delete "
              "them when you unsubscribe from the website."]
    article = cleaner.clean("\n".join(["Privacy policy", P1, *policy]))
    assert all(line in article.body for line in policy)


def test_an_article_telling_of_notices_stays() -> None:
    # Three kinds of site words, but told of others, not in the site's voice: an article on consent banners.
    line = ("The researchers found that most websites hide the button that refuses cookies, "
            "so visitors give their consent to tracking without meaning to.")
    assert notice_kinds(line) >= NOTICE_MIN_KINDS
    article = cleaner.clean("\n".join([HEADLINE, P1, P2, line, P3]))
    assert line in article.body


def test_the_kinds_are_the_packs_word_lists_and_each_word_is_of_one_kind() -> None:
    # Every `notice_*` list of the language tables is counted; a word of two kinds would count as one of them.
    assert {f"notice_{kind}" for kind in KINDS} == {f.name for f in fields(Language) if f.name.startswith("notice_")}
    entries = [word for kind in KINDS for word in language_words(f"notice_{kind}")]
    assert len(entries) == len(set(entries))
    # Stems are looked up by their first STEM_KEY letters: a shorter stem would never be found.
    assert [word for word in entries if word.endswith("*") and len(word) - 1 < STEM_KEY] == []


def test_every_packs_site_words_count() -> None:
    # One word, stem or phrase of three kinds, each from another pack (German, Polish, French), make a notice's kinds.
    assert notice_kinds("Die Einwilligung, ciasteczkami à tout moment") == 3


def test_the_key_scan_finds_the_keys_a_split_finds() -> None:
    # `_key_count` scans printable lines in C; it must find the keys of the words as `str.split` cuts them: a
    # key at a word's start only, a short key (a whole word) only alone, words after punctuation or a tab.
    from cleaner.notices import _KEYS, _key_count

    short = min(_KEYS, key=len)
    assert len(short) < STEM_KEY  # the whole-word case is tested below
    lines = [
        f"we {short} you {short}s the newsletter’s cookies, (privacy) e-mail: recookies datas",
        "Cookies\tand newsletter\u00a0privacy: a tab and a no-break space split words too",
        f"{short}", f"x{short} {short}x", "unsubscribe-newsletter cookie-privacy", "(cookies [newsletter",
        "nothing of the kind here at all", "",
    ]
    for line in lines:
        folded = line.casefold()
        assert _key_count(folded) == len(_KEYS.intersection(word[:STEM_KEY] for word in folded.split())), line
    assert _key_count(f"{short} newsletter cookies") == 3
    assert _key_count(f"x{short} newsletters") == 1


# A comment-rules box goes on in lines with one kind of site word, in the site's voice.
RULE_LINES = {
    "en": "Please understand that comments are moderated and that we cannot publish every one we receive.",
    "de": "Bitte haben Sie Verständnis, dass wir Kommentare moderieren und nicht jeden veröffentlichen können.",
    "fr": "Merci de comprendre que nous modérons les commentaires et ne pouvons pas tous les publier.",
}


def test_a_notices_block_goes_on_in_its_voice_with_fewer_site_words() -> None:
    """Comment rules print one line with several kinds of site words (a notice) and others with one ("comments
    are moderated"): next to the notice, in the site's voice, they are the notice's block and go too. The same
    line standing apart from any notice, or an article's paragraph next to the notice, stays."""
    for language, line in RULE_LINES.items():
        notice = NOTICES[language][1]
        article = cleaner.clean("\n".join([HEADLINE, P1, P2, P3, notice, line]))
        assert article.body == (P1, P2, P3), language
        assert {r.text: r.rule for r in article.removed}.get(line) == "site-notice", language
        alone = cleaner.clean("\n".join([HEADLINE, P1, line, P2, P3]))
        assert line in alone.body, language
        beside = cleaner.clean("\n".join([HEADLINE, P1, notice, P2, P3]))
        assert beside.body == (P1, P2, P3), language
