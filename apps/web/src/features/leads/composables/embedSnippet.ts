/**
 * HTML a website pastes to send its form to POST /api/v1/public/leads with the form key.
 * The hidden `website` field is the honeypot: people leave it empty, bots fill it.
 */
export function embedSnippet(origin: string, key: string): string {
  const endpoint = `${origin.replace(/\/$/, '')}/api/v1/public/leads`;
  return `<form id="keyuan-lead-form">
  <input name="name" placeholder="姓名 Name" required>
  <input name="company" placeholder="公司 Company">
  <input name="phone" placeholder="手机 Phone">
  <input name="email" type="email" placeholder="邮箱 Email">
  <textarea name="message" placeholder="留言 Message"></textarea>
  <input name="website" tabindex="-1" autocomplete="off" style="position:absolute;left:-9999px" aria-hidden="true">
  <button type="submit">提交 Submit</button>
</form>
<script>
document.getElementById('keyuan-lead-form').addEventListener('submit', async function (event) {
  event.preventDefault();
  var form = event.target;
  var data = Object.fromEntries(Array.from(new FormData(form)).filter(function (e) { return e[1] !== ''; }));
  var response = await fetch('${endpoint}', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Form-Key': '${key}' },
    body: JSON.stringify(data),
  });
  form.innerHTML = response.ok ? '<p>谢谢，我们会尽快联系您。Thank you, we will be in touch.</p>' : '<p>提交失败，请稍后再试。Please try again later.</p>';
});
</script>`;
}

/** Copies text to the clipboard (navigator.clipboard, else a hidden textarea). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}
