// English framing around the theme sentences: greetings, openers and closers that fit the
// source (a tweet does not open like a complaint letter), review titles, slot fillers, and
// the reserved fake contact details used for PII-like mentions.
import type { FramePhrases } from './phrase-bank.ts';

export const framesEn: FramePhrases = {
  greetings: ['Hi,', 'Hello,', 'Hi there,', 'Good morning,', 'Hello team,', 'Dear support,'],
  openers: {
    review: {
      negative: ['Really wanted to like this.', 'Had high hopes for {product}.', 'Very disappointed.', 'Do not buy.', 'Not what I expected at all.'],
      neutral: ['Mixed feelings about this one.', 'Honest review:', 'Some good, some bad.'],
      positive: ['Really pleased.', 'Second time buying and still happy.', 'Pleasantly surprised.', 'Update after {usage}:', 'Where do I start, I love it.'],
    },
    survey: {
      negative: ['Quite disappointed.', 'Not a great experience this time.'],
      neutral: ['Mostly fine.', 'Hard to say.'],
      positive: ['Overall very happy.', 'Good experience this time.'],
    },
    complaint: {
      negative: [
        "I'm writing to complain about order {order}.",
        'I want to make a formal complaint.',
        'This is the third time I am contacting you about this.',
        "I've been a customer for years and I've never been this frustrated.",
        'I am extremely unhappy with how this has been handled.',
      ],
      neutral: ['I would like to raise an issue with my recent order.'],
    },
    support: {
      negative: ['I need some help, please.', 'I have a problem with my order.', 'Not happy, I am afraid.'],
      neutral: ['Quick question.', 'Hoping you can help.'],
      positive: ['Just wanted to say thank you.', 'No problem this time, just a thank you.'],
    },
    social: {
      negative: ['wow.', 'ugh.', 'great, just great.', 'unbelievable.', 'so disappointed rn.', 'not happy.'],
      neutral: ['quick q:', 'anyone else?', 'hmm.'],
      positive: ['ok I am impressed.', 'shoutout to @{handle}!', 'honestly?', 'little win today:'],
    },
  },
  closers: {
    review: {
      negative: ['Would not recommend.', 'Returning it.', 'One star is generous.', 'Save your money.', 'Really not happy.'],
      neutral: ['Overall it is okay.', "We'll see how it holds up.", 'Three stars for now.'],
      positive: ['Would buy again.', 'Highly recommend!', 'Five stars.', 'Very happy with it.', 'Worth every penny.'],
    },
    survey: {
      negative: ['Not likely to order again.', 'Needs to improve.', "Fix this and I'd score you higher."],
      neutral: ['Room for improvement.', 'It was fine.', 'Nothing else to add.'],
      positive: ['Keep it up.', 'Will recommend to friends.', 'Thank you!'],
    },
    complaint: {
      negative: [
        'I expect a full refund.',
        'Please sort this out.',
        'I want this escalated to a manager.',
        "I'll be taking my business elsewhere.",
        'I expect a reply within 48 hours.',
        'This is not good enough.',
      ],
      neutral: ['Please let me know how you will resolve this.'],
    },
    support: {
      negative: ['Please help.', 'Can someone look into this?', 'What are my options?', 'Please get back to me today.'],
      neutral: ['Thanks in advance.', 'Thanks.', 'Appreciate it.'],
      positive: ['Thanks again!', 'Really appreciate it.', 'Have a great day.'],
    },
    social: {
      negative: ['never again', 'thanks for nothing', 'absolute joke', 'do better', 'not impressed'],
      neutral: ['any tips?', 'thoughts?'],
      positive: ['love it', "can't recommend enough", 'so good', '10/10'],
    },
  },
  titles: {
    negative: ['Disappointed', 'Not worth it', 'Stopped working', 'Avoid', 'Poor quality', 'Very unhappy', 'Not as advertised', 'Waste of money', 'Terrible experience'],
    neutral: ["It's okay", 'Average', 'Mixed feelings', 'Decent but not perfect', 'Does the job'],
    positive: ['Love it', 'Great value', 'Exceeded expectations', 'Brilliant', 'Very happy', 'Solid purchase', 'Better than expected'],
  },
  contrast: { down: [', but ', ', but ', '. But ', '. Unfortunately, '], up: [', but ', '. On the plus side, ', '. That said, ', '. To be fair, '] },
  nit: ['. Only gripe: ', '. One small thing: ', '. My only complaint: '],
  pii: [
    'You can reach me at {email}.',
    "My number is {phone} if it's easier to call.",
    'Please reply to {email}, not the address on the account.',
    'Call me back on {phone}, order {order}.',
    'My account email is {email}.',
  ],
  slots: {
    very: ['very', 'really', 'extremely', 'incredibly', 'so', 'seriously'],
    time: ['yesterday', 'last Friday', 'Monday', 'Tuesday morning', 'last Thursday'],
    days: ['two weeks', 'ten days', 'a month', 'three weeks', 'over a week'],
    wait: ['40 minutes', 'over an hour', 'two hours', '45 minutes', 'nearly an hour'],
    delay: ['three days', 'nearly a week', 'two days', 'over a week', 'five days'],
    agent: ['Priya', 'Tom', 'Marco', 'Aisha', 'Ben', 'Lucy', 'Daniel'],
    usage: ['two weeks', 'a month', 'three days', 'a week', 'ten days'],
    battery: ['half a day', 'until lunchtime', 'four hours', 'a few hours'],
    size: ['size 9', 'a 42', 'size 10', 'a 43', 'size 8'],
    code: ['SAVE20', 'WELCOME10', 'SPRING15', 'FREESHIP'],
    item: ['burger', 'pad thai', 'chicken curry', 'ramen', 'burrito bowl', 'pepperoni pizza', 'poke bowl'],
  },
  kindSlots: {
    food: { delay: ['45 minutes', 'over an hour', 'half an hour', 'nearly 90 minutes', '50 minutes'] },
  },
  emoji: {
    negative: ['😡', '😤', '🙄', '👎', '😞', '🤬', '😩'],
    neutral: ['🤔', '😐', '🤷'],
    positive: ['😍', '👍', '🙌', '❤️', '✨', '😊', '🔥'],
  },
  hashtags: {
    negative: ['#fail', '#customerservice', '#neveragain', '#disappointed', '#badservice'],
    neutral: ['#help', '#question'],
    positive: ['#happycustomer', '#recommend', '#love', '#win'],
  },
};
