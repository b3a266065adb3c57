#!/usr/bin/env python3
"""Derive extra trigger lemmas for sitrep from WordNet 3.0.

Reads the [verbs] and [nouns] sections of src/sitrep/data/triggers.toml and, for each
entry, looks up the lemma's first two senses (WordNet orders senses by tagged
frequency) in the WordNet database files (index.verb/data.verb, index.noun/data.noun).
From those synsets it takes the other lemmas (relation "synonym") and the lemmas of their
direct hyponym synsets (relation "hyponym"). It keeps single-word, lowercase, alphabetic
lemmas longer than 3 letters that are not already keys of that section, not in STOPLIST,
and not light/reporting verbs of triggers.toml; a lemma reached from sources of two
different PLOVER types is dropped as ambiguous. Each derived entry copies the source's
type and mode only (not needs/strength/...); derived nouns get strength = "weak".

Writes src/sitrep/data/triggers_wordnet.toml. Standard library only:

    python3 training/lexicon/wordnet_triggers.py [--wordnet /usr/share/wordnet]
"""
from __future__ import annotations

import argparse
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TRIGGERS = REPO / "src" / "sitrep" / "data" / "triggers.toml"
OUTPUT = REPO / "src" / "sitrep" / "data" / "triggers_wordnet.toml"
WORDNET_DIR = Path("/usr/share/wordnet")
LICENCE_FILE = Path("/usr/share/doc/wordnet-base/copyright")

SENSES = 2  # only the most frequent senses of each source lemma
MIN_LEN = 4  # lemmas of 3 letters or fewer are skipped

# Derived lemmas that are not to be triggers. Chosen by reading the first generated table
# (python3 training/lexicon/wordnet_triggers.py with an empty list) and keeping out the words
# that occur in news text (roughly Zipf frequency >= 2.5) and whose usual reading there
# is not an event of the copied type: light and everyday verbs, and words reached through a
# WordNet sense that is not the trigger's (strike = "affect", beat = "win a game", capture =
# "charm", provide/cut hyponyms, recall = "remember", sanction = "approve", exercise = "workout",
# suspension = "pause"/"mixture", campaign = "election campaign", ...). Rare off-sense lemmas
# (julienne, crenellate) are left in: they cost nothing in news text.
_STOP_VERBS = """
abide accommodate acquit address adopt advance advertise advise affect affirm alarm alert
alienate allowance apply appoint approve arise arrange articulate assist associate attest
attract authorise authorize avoid avow awaken award backfire backhand bail banquet baptize
beak beggar behave berth best bevel blackjack blank blunder bluster board bolster boob book
border bore borrow brace brain breeze bribe bridge bring broadside brook buffet bull bulwark
bump bunker bunt burke burst bush butt cage canal cannon capitalise capitalize caption cart
carve cast cater causeway celebrate chagrin chair challenge charm chase chatter cheat
checkmate chin chip christen clap clasp claw cleanse clear clench clip cloud clout coal
cocoon color colour come comfort compensate conclude concord confess conflict conserve
consider constitute contest contract contradict cornice correct correlate corrupt cost
costume counsel crash cream croquet crunch cube curse curtain cuss date debouch decline
deflect delay delete deliberate demo desire detract dice digest disable discount discourage
discourse disdain dish diss dissect distance disturb divert dock double down drag dribble
drill dust edge edit elevate embrace emcee enchant encore encounter encourage endanger
entitle entrance equip erase erect erupt exact examine exceed exhibit expect experiment
explore fail fall fascinate favor favour feast feed fell fete fill find flatter flick flight
flood foil foot fork fort foul found fracture fret frustrate fuel fulfil fulfill furrow
further gash gasp gate glance glass glaze gloss glow glut goof govern grab graduate grasp
grass grate grind grip gush handicap harm haul haunt headline hear heat heel heft herald
hike hitch hoist hole honor honour horse huff humble hurry hustle hydrate identify imperil
impress include incur indent index indulge inflate inherit initiate instill institute insult
interlock intermediate intersect invalid invoke involve jack jeopardise jeopardize jockey
join joint justify keep kern knuckle lash lecture legitimate level leverage lick line lock
lodge loft loose lurk mail maintain manicure mash master match mate mean mine misuse
mitigate moderate move need negate negative nick nickname nominate nose nourish nurture
observe obtain offset okay outdo outfit outperform outplay outrage outscore outstrip
overcome overlay overwhelm paddle pander pant parade pare partner patch peck pension pepper
peril pervert pierce pimp ping pink pinnacle pitch pitchfork place plane plant pluck point
poke pose post posture pour power pray preach prefer preserve prick privilege procure
project promenade promote propose protect provision purse putt quarter queer quench quest
rack racket rafter rage raise rationalise rationalize rave raven realise realize rear rebate
recede recollect recur redeem redirect refresh refund regret reissue relate relieve remove
rename render rendezvous renegade repair repay require research reserve resolve respect
retire retrieve retrofit reunite review reward rick ring rise route rubbish rush sacrifice
satisfy save scant scar scatter scissor scoop scotch scrape scratch screw scrub search seat
second secure sell serve shaft shank shave shear shelter shock shop shorten shoulder shout
shove show shower shut single skid skin slap slight slip smooth snap sneak snip soak sonnet
spat spend spill spite splash splatter sprain spray sprinkle spur squall squash squeeze
stabilise stabilize staff stake stay steady sting stint stir stock stomach stone strap
strengthen stretch struggle stub stuff style submarine submit subtitle subtract summon
surpass surprise sustain swan tail tender term terrace theme thin think throttle throw
thrust ticket tithe title tolerate tool topple torpedo touch tourney trance trap treat trim
triple troll troop trouble trump tube tumble tweak twist twitch unfreeze uniform upset
verify visa volley want warrant waste water weather wharf whip whisker winch wind work worst
wrench yank
"""
_STOP_NOUNS = """
abuse accommodation analysis application appointment assist backfire bang banging bargain
battery blackout blowback blowup bodybuilding bombshell boost break brush burst cackle
caesura calisthenics callisthenics campaigning candidacy candidature cant catch cause
challenge charge chatter check claim clang clangor clangoring clangour clank clap collar
comfort confederacy conformance conformity congress conspiracy consumerism consumption
correspondence council count countenance countercheck countermove counterplay counting crash
crusade date death delay despatch development discharge dispatch diversion drive duologue
effort electioneering empiricism employment encouragement endorsement engagement enumeration
eruption euthanasia examination exercising exhibition exploitation exposure facilitation
fell feminism fencing fire forum fragmentation friction fulmination halftime halt hand
hassle headshot help hitch hold impact imprimatur indorsement inflation insistence insisting
intermission interruption investigating isometrics jazz lapse letup lift logjam lull
malarkey malarky manifestation mash matchmaking ministration misuse movement musclebuilding
nothingness numeration objection offence offense okay okeh okey onset outpouring
pacification pause peace penetration performance pinch play postponement practice
presentation presentment reckoning recourse recycling reform refuge research reservation
resort respite rest resuspension revival rollback ruffle rumble sacrifice sale scrap seance
search service session settlement shmooze shock shoot shot sitting slurry stay stop stoppage
storm stretch stretching submission suicide support tabulation talking tally testing thanks
tieback trap understanding usage usance utilisation utilization vapor vapour visa visitation
visiting wait warrant wind workout yack yoga
"""
STOPLIST = {"verbs": set(_STOP_VERBS.split()), "nouns": set(_STOP_NOUNS.split())}

# Notice required by the WordNet 3.0 licence on all copies, including modifications.
WORDNET_LICENCE = """\
WordNet Release 3.0 -- Princeton WordNet licence ("WordNet 3.0 license")

This software and database is being provided to you, the LICENSEE, by
Princeton University under the following license.  By obtaining, using
and/or copying this software and database, you agree that you have
read, understood, and will comply with these terms and conditions.:

Permission to use, copy, modify and distribute this software and
database and its documentation for any purpose and without fee or
royalty is hereby granted, provided that you agree to comply with
the following copyright notice and statements, including the disclaimer,
and that the same appear on ALL copies of the software, database and
documentation, including modifications that you make for internal
use or for distribution.

WordNet 3.0 Copyright 2006 by Princeton University.  All rights reserved.

THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON
UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR
IMPLIED.  BY WAY OF EXAMPLE, BUT NOT LIMITATION, PRINCETON
UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANT-
ABILITY OR FITNESS FOR ANY PARTICULAR PURPOSE OR THAT THE USE
OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION WILL NOT
INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR
OTHER RIGHTS.

The name of Princeton University or Princeton may not be used in
advertising or publicity pertaining to distribution of the software
and/or database.  Title to copyright in this software, database and
any associated documentation shall at all times remain with
Princeton University and LICENSEE agrees to preserve same."""
COPYRIGHT_LINE = "WordNet 3.0 Copyright 2006 by Princeton University.  All rights reserved."

POS = {"verbs": "verb", "nouns": "noun"}
POS_CHAR = {"verbs": "v", "nouns": "n"}


def read_index(path: Path) -> dict[str, list[int]]:
    """index.<pos>: lemma -> synset offsets in sense order."""
    index: dict[str, list[int]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("  "):  # licence header
                continue
            f = line.split()
            lemma, synset_cnt, p_cnt = f[0], int(f[2]), int(f[3])
            # lemma pos synset_cnt p_cnt [ptr_symbol]*p_cnt sense_cnt tagsense_cnt offsets...
            offsets = f[6 + p_cnt:6 + p_cnt + synset_cnt]
            assert len(offsets) == synset_cnt, line
            index[lemma] = [int(o) for o in offsets]
    return index


def read_data(path: Path, pos_char: str) -> dict[int, tuple[list[str], list[int]]]:
    """data.<pos>: offset -> (words, direct hyponym offsets)."""
    data: dict[int, tuple[list[str], list[int]]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("  "):
                continue
            f = line.split(" | ", 1)[0].split()
            offset, w_cnt = int(f[0]), int(f[3], 16)
            words = [f[4 + 2 * i] for i in range(w_cnt)]
            i = 4 + 2 * w_cnt
            p_cnt = int(f[i])
            hypos = []
            for k in range(p_cnt):
                sym, target, tpos = f[i + 1 + 4 * k:i + 4 + 4 * k]
                if sym == "~" and tpos == pos_char:  # direct hyponym ("~i" instances excluded)
                    hypos.append(int(target))
            data[offset] = (words, hypos)
    return data


def keep(word: str, section: str, existing: set[str], excluded: set[str]) -> bool:
    return (
        word.isalpha() and word.isascii() and word == word.lower()
        and len(word) >= MIN_LEN
        and word not in existing
        and word not in excluded
        and word not in STOPLIST[section]
    )


def derive(triggers: dict, wn: Path) -> tuple[dict, dict]:
    excluded = {"verbs": set(triggers.get("light_verbs", [])) | set(triggers.get("reporting_verbs", [])),
                "nouns": set()}
    out, stats = {}, {}
    for section in ("verbs", "nouns"):
        pos, pc = POS[section], POS_CHAR[section]
        index = read_index(wn / f"index.{pos}")
        data = read_data(wn / f"data.{pos}", pc)
        entries = triggers[section]
        existing = set(entries)
        # lemma -> list of (relation rank, source order, source, relation)
        cands: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
        missing = []
        for order, (src, spec) in enumerate(entries.items()):
            offsets = index.get(src.lower().replace(" ", "_"))
            if not offsets:
                missing.append(src)
                continue
            for off in offsets[:SENSES]:
                words, hypos = data[off]
                for w in words:
                    cands[w].append((0, order, src, "synonym"))
                for h in hypos:
                    for w in data[h][0]:
                        cands[w].append((1, order, src, "hyponym"))
        derived, ambiguous = {}, []
        for word, srcs in cands.items():
            if not keep(word, section, existing, excluded[section]):
                continue
            types = {entries[s]["type"] for _, _, s, _ in srcs}
            if len(types) > 1:
                ambiguous.append(word)
                continue
            # Prefer a synonym over a hyponym, then the earlier entry of triggers.toml.
            _, _, src, rel = min(srcs)
            spec = entries[src]
            entry = {"type": spec["type"]}
            if "mode" in spec:
                entry["mode"] = spec["mode"]
            if section == "nouns":
                entry["strength"] = "weak"
            entry["from"] = src
            entry["relation"] = rel
            derived[word] = entry
        out[section] = dict(sorted(derived.items()))
        stats[section] = {"missing": missing, "ambiguous": sorted(ambiguous)}
    return out, stats


def toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render(out: dict) -> str:
    lines = [
        "# Trigger lemmas derived from WordNet -- GENERATED, do not edit by hand.",
        "#",
        "# Generated by training/lexicon/wordnet_triggers.py from WordNet 3.0 (Debian package",
        "# wordnet-base, /usr/share/wordnet) and src/sitrep/data/triggers.toml: for each [verbs] and",
        "# [nouns] entry, the synonyms and direct hyponyms of its first 2 WordNet senses, with the",
        "# source's type and mode; derived nouns are weak. `from` is the source lemma, `relation`",
        "# is synonym or hyponym. Regenerate with:",
        "#",
        "#     apt-get install wordnet-base",
        "#     python3 training/lexicon/wordnet_triggers.py",
        "#",
        *licence_comment(),
    ]
    for section in ("verbs", "nouns"):
        lines += ["", f"[{section}]"]
        for word, entry in out[section].items():
            body = ", ".join(f"{k} = {toml_str(v)}" for k, v in entry.items())
            lines.append(f"{word} = {{{body}}}")
    return "\n".join(lines) + "\n"


def licence_comment() -> list[str]:
    """The comment lines that must go with anything derived from WordNet."""
    return [
        "# Derived from WordNet 3.0, used under the Princeton WordNet licence, whose notice must",
        "# appear on all copies, including modifications:",
        "#",
        *[("# " + line).rstrip() for line in WORDNET_LICENCE.splitlines()],
    ]


def wordnet_args(description: str, output: Path, needed: tuple[str, ...]) -> argparse.Namespace:
    """The --wordnet folder and --output file of a script, once the WordNet files it reads
    are found there."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--wordnet", type=Path, default=WORDNET_DIR)
    ap.add_argument("--output", type=Path, default=output)
    args = ap.parse_args()
    for name in needed:
        if not (args.wordnet / name).is_file():
            sys.exit(f"missing {args.wordnet / name}: apt-get install wordnet-base")
    return args


def main() -> int:
    args = wordnet_args(__doc__.splitlines()[0], OUTPUT,
                        ("index.verb", "data.verb", "index.noun", "data.noun"))
    if LICENCE_FILE.is_file() and COPYRIGHT_LINE.split()[0] not in LICENCE_FILE.read_text():
        print(f"warning: {LICENCE_FILE} does not look like the WordNet 3.0 licence", file=sys.stderr)
    triggers = tomllib.loads(TRIGGERS.read_text(encoding="utf-8"))
    out, stats = derive(triggers, args.wordnet)
    text = render(out)
    tomllib.loads(text)  # must parse
    args.output.write_text(text, encoding="utf-8")
    for section in ("verbs", "nouns"):
        s = stats[section]
        print(f"{section}: {len(out[section])} derived, {len(s['ambiguous'])} ambiguous dropped"
              f" ({' '.join(s['ambiguous'])}); not in WordNet: {' '.join(s['missing']) or '-'}")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
