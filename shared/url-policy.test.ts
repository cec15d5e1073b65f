import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAllowedExternalUrl } from './url-policy';

test('allows https URLs on chatgpt.com', () => {
  for (const u of [
    'https://chatgpt.com',
    'https://chatgpt.com/',
    'https://chatgpt.com/apps/linear?x=1#top',
    'https://www.chatgpt.com/connectors',
    'https://ChatGPT.com/apps',
    'HTTPS://chatgpt.com/',
  ]) {
    assert.equal(isAllowedExternalUrl(u), true, u);
  }
});

test('refuses everything else', () => {
  const refused: unknown[] = [
    'http://chatgpt.com/',
    'https://chatgpt.com.evil.example/',
    'https://evil.example/chatgpt.com',
    'https://chatgpt.com@evil.example/',
    'https://user:pw@chatgpt.com/',
    'https://chatgpt.com:8443/',
    'https://sub.chatgpt.com/',
    'https://chatgpt.com\\@evil.example/',
    'https:chatgpt.com/x',
    'https:/chatgpt.com/x',
    ' https://chatgpt.com/',
    'https://chatgpt.com/\nx',
    'https://chatgpt.com/\u0000',
    'https://chatgpt.com/ x',
    'https://xn--chatgpt-xyz.com/',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'chatgpt.com',
    '',
    'https://chatgpt.com/' + 'a'.repeat(2048),
    42,
    null,
    undefined,
    { href: 'https://chatgpt.com/' },
  ];
  for (const u of refused) assert.equal(isAllowedExternalUrl(u), false, String(u));
});
