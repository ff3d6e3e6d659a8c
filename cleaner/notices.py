"""Site notices that read like prose: consent and cookie texts, newsletter sign-up terms, comment
guidelines, registration and password messages, affiliate and tracking disclosures, printed inside
or around an article page.

Their sentences are prose-shaped (the line score and the article's clusters take them for text), but
they speak of the site itself: its cookies, the reader's e-mail address and data, consent, sign-up,
comments and their moderation. One such word is common in an article (a story about data or
newsletters); three different kinds of them in one line are the notice's own vocabulary. The kinds
are counted, not the words: an article on cookies names cookies many times, but one kind. And a notice
speaks to the reader or for the site (you, your, we, our): an article tells of others.
"""

from __future__ import annotations

import regex

from .article import Category
from .heuristics import Page

NOTICE_MIN_KINDS = 3  # different kinds of site words in one line (two is common in articles on the web)
NOTICE_MIN_WORDS = 8  # shorter lines are buttons and labels, left to the rules and the short-line passes

# Kinds of site words, each in the languages of the packs (stems where the words inflect). A kind
# counts once per line however often its words occur.
_KINDS: dict[str, str] = {
    "cookie": r"cookies?|ciasteczk\w*|куки",
    "newsletter": r"newsletter\w*|nieuwsbrie\w*|boletín|bolletino|рассылк\w*|розсилк\w*",
    "mail": r"e-?mails?|e-?mail-?adress\w*|mailadress\w*|correo|courriel|adresse (?:e-?mail|électronique)",
    "privacy": (r"datenschutz\w*|privacy|privacidad|privacidade|confidentialité|riservatezza|prywatnoś\w*|"
                r"dsgvo|ds-gvo|gdpr|rgpd|конфиденциальн\w*|конфіденційн\w*"),
    "consent": (r"einwillig\w*|zustimm\w*|einverstanden|consent\w*|consentimiento|consentement|consenso|"
                r"toestemming|zgod\w*|согласи\w*|згод\w*"),
    "subscribe": (r"abonn\w*|subscri\w*|suscri\w*|iscriv\w*|inscri\w*|assin\w*|anmeld\w*|abmeld\w*|"
                  r"registr\w*|sign(?:ed)? up|log(?:ged)? in|einlogg\w*|aanmeld\w*|subskryb\w*|"
                  r"подпис\w*|регистр\w*|реєстр\w*"),
    "password": r"passw\w+|contraseña|mot de passe|hasł\w*|пароль\w*",
    "browser": r"browser\w*|navigateur\w*|navegador\w*|przeglądar\w*|javascript|браузер\w*",
    "site": (r"websites?|webseite\w*|internetseite\w*|sitio web|site web|sito web|site internet|"
             r"this site|our site|diese seite|strona internetowa|stron\w* internetow\w*|сайт\w*"),
    "terms": (r"nutzungsbedingung\w*|terms of (?:use|service)|términos|conditions d'utilisation|"
              r"condizioni d'uso|agb|regulamin\w*"),
    "revoke": r"widerruf\w*|unsubscribe\w*|jederzeit|at any time|à tout moment|en cualquier momento|in qualsiasi momento",
    "ads": (r"werbung|werbe\w*|advertis\w*|publicidad|publicité|pubblicità|publicidade|reklam\w*|"
            r"affiliate\w*|commission|реклам\w*"),
    "data": (r"daten|data|données|datos|dati|dados|gegevens|dane|danych|personenbezogen\w*|"
             r"personal information|данн\w*|даних|дані"),
    "moderation": (r"moderat\w*|moderier\w*|moderiert\w*|modéra\w*|modéré\w*|moderad\w*|moderowan\w*|модер\w*|netiquette|kommentar\w*|comments?|commentaires?|comentarios?|"
                   r"commenti|commento|reacties|komentarz\w*|комментар\w*|коментар\w*"),
    "tracking": (r"tracking|analytics|third[- ]part\w*|drittanbieter\w*|terceros|terze parti|"
                 r"stron\w* trzeci\w*|третьи\w* лиц\w*"),
}
# The site's voice: a notice speaks to the reader or for the site ("your e-mail", "we use"); an article
# about such things tells of others ("the authors advise sites ...").
_VOICE = regex.compile(
    r"(?<!\p{L})(?:you|your|yours|we|our|us|sie|ihr|ihre[mnrs]?|ihnen|du|dein\w*|dich|dir|wir|uns|unser\w*|"
    r"vous|votre|vos|nous|notre|nos|usted|ustedes|tu|tus|nosotros|nuestr\w*|vostr\w*|voi|noi|nostr\w*|"
    r"você|vocês|seu|sua|nosso|nossa|uw|jij|jouw|wij|ons|onze|pan\w*|wy|wasz\w*|my|nasz\w*|"
    r"ви|ваш\w*|вам|вас|вы|ми|наш\w*|нам|нас|мы)(?!\p{L})", regex.IGNORECASE)
_TERMS = regex.compile(
    r"(?<!\p{L})(?:" + "|".join(f"(?P<{kind}>{words})" for kind, words in _KINDS.items()) + r")(?!\p{L})",
    regex.IGNORECASE)


def notice_kinds(text: str) -> int:
    """How many different kinds of site words the line holds."""
    return len({m.lastgroup for m in _TERMS.finditer(text)})


def site_notices(page: Page) -> None:
    """Lines of several words that hold three kinds of site words or more, in the site's voice, go as a
    site notice, unless
    they outweigh the page's other prose: then the page is about such things (a privacy policy, a
    guide to browser settings) and its text stays."""
    found = [i for i in page.nonblank if page.verdicts[i] is None and _notice(page, i)]
    if not found:
        return
    notice_words = sum(page.features[i].words for i in found)  # type: ignore[union-attr]
    found_set = set(found)
    prose_words = sum(page.features[i].words for i in page.goods() if i not in found_set)  # type: ignore[union-attr]
    if notice_words >= prose_words:
        return
    for i in found:
        page.remove(i, Category.OTHER, "site-notice")


def _notice(page: Page, i: int) -> bool:
    f = page.features[i]
    if f is None or f.words < NOTICE_MIN_WORDS:
        return False
    text = page.lines[i].text
    return notice_kinds(text) >= NOTICE_MIN_KINDS and _VOICE.search(text) is not None
