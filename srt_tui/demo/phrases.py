"""What the fictional participants and their practitioner say in the demo caseload.

Every line here is original and invented for demonstrations. No line describes a real
person or a real case. Answers are keyed by exercise and worksheet question id; where a
question has several answers, the generator picks one with its seeded random generator.
"""

from __future__ import annotations

ANSWERS: dict[tuple[str, str], tuple[str, ...]] = {
    ("F01", "q1"): ("Not shouting when I get home stressed.", "Getting on better with my partner without rows.",
                    "Being someone my kids are not wary of."),
    ("F01", "q2"): ("Sit in the car for five minutes before I go in.", "Say when I am tired instead of snapping.",
                    "Turn my phone off at tea time."),
    ("F01", "q3"): ("My brother. He has been through something like this.", "My sponsor at the group.",
                    "My mate from the gym, he keeps me steady."),
    ("F02", "q1"): ("Trust, talking things through, giving each other space.", "Honesty, respect, having a laugh together."),
    ("F02", "q2"): ("Giving space. I always want to know where my partner is.", "Talking things through without it turning into a row."),
    ("F02", "q3"): ("That whoever shouts loudest wins.", "That you do not talk about feelings, you just get on with it."),
    ("F03", "q1"): ("Family, being reliable, keeping my job.", "Honesty, my kids, staying off the drink."),
    ("F03", "q2"): ("Turn up on time for the kids on Saturday.", "Ring my mum back instead of leaving it."),
    ("F04", "q1"): ("A lad pushed in front of me at the shop and I squared up to him.",
                    "My partner was on the phone when I got in and did not look up."),
    ("F04", "q2"): ("He is taking the mick. Felt small, then angry.", "Thought I did not matter. Felt hurt, then wound up."),
    ("F04", "q3"): ("Maybe he did not see me at all.", "They were in the middle of something. It was not about me."),
    ("F05", "q1"): ("Jaw tight, hot face, fists.", "Heart going, can't sit still, voice gets louder."),
    ("F05", "q2"): ("'Here we go again.' 'Nobody listens to me.'", "'I'm not having this.'"),
    ("F05", "q3"): ("Raise my voice and follow them round the room.", "Go quiet and then explode later."),
    ("F06", "q1"): ("'I need ten minutes, I'll be back.'", "'I'm getting wound up, I'm going for a walk, back at eight.'"),
    ("F06", "q2"): ("Walk round the block, slow breathing.", "Sit in the garden with a cup of tea, no phone."),
    ("F06", "q3"): ("Say I'm back and ask if now is OK to talk.", "Start with what I heard them say, not with my side."),
    ("F07", "q1"): ("Caring is asking; controlling is deciding for them.", "Caring lets them choose, even if I don't like it."),
    ("F07", "q2"): ("Checking their phone. Going quiet to punish.", "Saying who they can and can't see."),
    ("F07", "q3"): ("Ask, then accept the answer.", "Leave the phone alone and say what I'm worried about."),
    ("F08", "q1"): ("Tight jaw, raised voice, pacing.", "Can't sit still, 'nobody listens', clenched hands."),
    ("F08", "q2"): ("Use my time-out words and walk round the block.", "Breathe, say I need a break, go to the garden."),
    ("F08", "q3"): ("My brother, and the officer if it's urgent.", "My sponsor, or the helpline number on my card."),
    ("T01", "q1"): ("Mind reading. I'm sure I know what they think of me.", "All or nothing: one bad thing and the day is ruined."),
    ("T01", "q2"): ("'They're ignoring me on purpose.' Fairer: 'They might be busy or tired.'",),
    ("T02", "q1"): ("When my partner goes out with work friends.", "When my partner is on the phone late at night."),
    ("T02", "q2"): ("Keep texting to ask where they are.", "Sulk and go quiet all evening."),
    ("T02", "q3"): ("Say I miss them and leave it there.", "Go to the gym and wait until they are back."),
    ("T03", "q1"): ("'Who does he think he is?'", "'I'm always the one who gets it.'"),
    ("T03", "q2"): ("'It's not worth it.' 'Slow down, breathe.'", "'I can walk away from this.' 'It will look different tomorrow.'"),
    ("T04", "q1"): ("My partner was worn out after work and I wanted to go out. They felt I didn't notice.",),
    ("T04", "q2"): ("For me to ask how their day was first.",),
    ("T05", "q1"): ("Money is tight and it keeps causing rows.",),
    ("T05", "q2"): ("Sit down with a budget; talk to the debt advice service; sell the second telly.",),
    ("T05", "q3"): ("Debt advice first. It takes the heat out of it at home.",),
    ("E01", "q1"): ("Worried, embarrassed, fed up.", "Lonely, nervous, proud of my lad."),
    ("E01", "q2"): ("Feeling shown up.", "Being scared of losing them."),
    ("E02", "q1"): ("Bad sleep, headaches, snapping at little things.",),
    ("E02", "q2"): ("A walk with the dog, football on a Sunday.",),
    ("E03", "q1"): ("Being talked down to. Being ignored.", "Traffic, and feeling blamed at home."),
    ("E03", "q2"): ("Notice the jaw, call time out, walk.", "Count to ten and use my calm-down phrase."),
    ("E03", "q3"): ("At work last month. I walked off and came back later.", "With my ex at handover. I kept it short."),
    ("E04", "q1"): ("Guilt is 'I did a bad thing', shame is 'I am bad'.",),
    ("E04", "q2"): ("Owning it out loud and then doing one thing to put it right.",),
    ("E05", "q1"): ("After a few drinks I get loud and pick arguments.",),
    ("E05", "q2"): ("Friday nights at my cousin's.",),
    ("E05", "q3"): ("Go for one drink and leave by nine, or meet him at the café instead.",),
    ("R01", "q1"): ("Eye contact, not interrupting, asking a question back.",),
    ("R01", "q2"): ("Thinking about what I'll say next.", "My phone."),
    ("R02", "q1"): ("'I feel left out when plans change without me; I'd like us to decide together.'",),
    ("R02", "q2"): ("Take a breath, say OK, and ask if we can talk about it later.",),
    ("R03", "q1"): ("One topic at a time, no name calling, stop if it's getting loud.",),
    ("R03", "q2"): ("Bringing up old stuff.", "Walking out slamming the door."),
    ("R03", "q3"): ("Come back, say sorry for my part, ask how they are.",),
    ("R04", "q1"): ("Trust is giving them the benefit of the doubt. Checking up is looking for proof.",),
    ("R04", "q2"): ("A knot in my stomach, like something is about to go wrong.",),
    ("R04", "q3"): ("Keep my word on small things; stop asking for the phone.",),
    ("R05", "q1"): ("They get scared and think it's their fault.",),
    ("R05", "q2"): ("To feel safe, and that I turn up when I say.",),
    ("R05", "q3"): ("Keep handovers calm and short.",),
    ("R06", "q1"): ("Angry at first, then gutted. Still miss the routine.",),
    ("R06", "q2"): ("Not turning up at the house. Talking only about the kids.",),
    ("R06", "q3"): ("Work, football, seeing my lad every Saturday.",),
}

FALLBACK_ANSWER = "(A fictional demo answer.)"

# Why an exercise was left out, by exercise: what a practitioner would write.
SKIP_REASONS: dict[str, str] = {
    "E05": "Does not drink or use drugs; we talked about it for two minutes and moved on.",
    "R05": "No children and none in his life at the moment; can come back to it if that changes.",
    "R06": "Still together and both want that; not relevant now.",
    "T05": "Already working on this with the employment adviser.",
}
FALLBACK_SKIP_REASON = "Not relevant to him at the moment; agreed together to leave it out."

EXERCISE_NOTES = (
    "He held the remote and paused the clip himself at the second chapter.",
    "Watched the clip twice; the subtitles helped.",
    "Quiet at first, then gave his own example without prompting.",
    "Stopped the clip after the first scene to talk about it, then watched the rest.",
    "Said the character 'sounded like my dad'. Spent time on that.",
    "",
    "",
)

SESSION_NOTES = (
    "Engaged well. Short chunks worked: two clips with a break between them.",
    "Arrived late and stressed about work; used the first ten minutes to settle before starting.",
    "Minimised at first ('it was only an argument'). Went back to his own goal rather than arguing the point.",
    "Good session. Asked to take the worksheet questions home to think about.",
    "Tired; kept it to one exercise and did not push.",
    "Talked openly about the weekend. Linked it to his warning signs without being asked.",
    "Some blaming of his ex early on; brought it back to what he can control.",
    "Asked if he could watch the clip again before next time. Agreed.",
)

REFLECTIONS = (
    "I didn't think I had warning signs, but I do.",
    "The clip was a bit cheesy but the bit about walking away made sense.",
    "I like having something written down to look at.",
    "Easier talking about a cartoon than about me.",
    "I did the task three days out of seven. Better than nothing.",
    "Didn't enjoy today but I get why we did it.",
    "I want to get the time out right before the kids come at the weekend.",
)

TASK_REVIEWS = (
    "Did the task on three days out of seven; talked through the one that went well.",
    "Forgot the task; did it together in the session instead.",
    "Did it every day and brought his notes. Pleased with himself.",
    "Tried once, said it felt awkward; talked about what got in the way.",
    "Partly done: wrote it down but did not try it yet.",
)

INTRO_NOTES = (
    "First meeting about the toolkit: explained how sessions work and showed him the controls. "
    "No exercise yet; he wants to start next week."
)

OPEN_SESSION_NOTES = "Started F06; he wants to practise the words before his partner gets home. To finish next time."

LAST_PLAN = "Review the plan together and choose what to work on next."

AMENDMENT_ADDITION = " Agreed at the end: he will tell his partner about the time-out plan before he uses it."
AMENDMENT_REASON = "Added what was agreed at the end of the session; left out by mistake."

__all__ = [
    "AMENDMENT_ADDITION",
    "AMENDMENT_REASON",
    "ANSWERS",
    "EXERCISE_NOTES",
    "FALLBACK_ANSWER",
    "FALLBACK_SKIP_REASON",
    "INTRO_NOTES",
    "LAST_PLAN",
    "OPEN_SESSION_NOTES",
    "REFLECTIONS",
    "SESSION_NOTES",
    "SKIP_REASONS",
    "TASK_REVIEWS",
]
