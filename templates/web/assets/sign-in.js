// The sign-in link's page: the link is used only when the button is pressed, so a link preview
// or a security scanner that fetches the address does not use it up.
import { postJson } from './common.js'

const token = location.pathname.split('/').pop()
const button = document.getElementById('enter')
const problem = document.getElementById('problem')

button.addEventListener('click', async () => {
  button.disabled = true
  try {
    await postJson('/api/sign-in', { token })
    location.replace('/')
  } catch (error) {
    problem.textContent = error.message
    problem.hidden = false
  }
})
